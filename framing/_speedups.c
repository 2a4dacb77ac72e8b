/*
 * framing._speedups: the kit's word tokenizer, dictionary hit counter, keyness's count
 * matrix and rank sums, and the classifier's word n-gram counts in C.
 *
 * Optional. framing/text.py and framing/_patterns.py use it when it was built (by
 * `pip install`: [tool.setuptools.ext-modules] in pyproject.toml) and fall back to the
 * pure-Python code otherwise. Both paths give identical results: tests/test_speedups.py
 * compares them on tricky strings, random strings, the demo corpus and (when present)
 * AllSides articles.
 *
 * The tokenizer is a hand-written, deterministic version of
 * framing.text.TOKEN_PATTERN as Python's `re` applies it with `findall`:
 *
 *   \w(?<!'s(?!\w))\w*+
 *   (?:(?=[-'.,%])(?: -\w++ | '(?!s\b)\w++ | (?<=\d)[.,]\d++ | (?<=\b\w)\.\w\b
 *                   | (?<=\.[^\W\d_])\. | (?<=\d)% ))*+
 *
 * Every repeat in that pattern is possessive and nothing follows the last group, so
 * the regex engine never backtracks: a greedy left-to-right scan that tries the
 * alternatives in order at each step gives the same matches. Character classes follow
 * `re` on str patterns: \w is str.isalnum() or "_" (Py_UNICODE_ISALNUM), \d is a
 * Unicode decimal digit (Py_UNICODE_ISDECIMAL), \b a change between \w and not \w,
 * and look-behinds see the whole text, not only the current token.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <limits.h>

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Text;

static inline Py_UCS4 at(const Text *t, Py_ssize_t i) {
    return PyUnicode_READ(t->kind, t->data, i);
}

static unsigned char ascii_word[128];

static inline int is_word_ch(Py_UCS4 c) {
    if (c < 128) return ascii_word[c];
    return Py_UNICODE_ISALNUM(c);
}

static inline int is_digit_ch(Py_UCS4 c) {
    if (c < 128) return c >= '0' && c <= '9';
    return Py_UNICODE_ISDECIMAL(c);
}

/* \w at position i (false outside the text) */
static inline int word_at(const Text *t, Py_ssize_t i) {
    return i >= 0 && i < t->n && is_word_ch(at(t, i));
}

static inline int digit_at(const Text *t, Py_ssize_t i) {
    return i >= 0 && i < t->n && is_digit_ch(at(t, i));
}

/* Skip a run of \w from i; return the first position after it. */
static inline Py_ssize_t skip_word(const Text *t, Py_ssize_t i) {
    while (i < t->n && is_word_ch(at(t, i))) i++;
    return i;
}

/* The end of the token that starts at p, or -1 if no token starts there. */
static Py_ssize_t match_at(const Text *t, Py_ssize_t p) {
    Py_ssize_t i;
    if (!word_at(t, p)) return -1;
    /* (?<!'s(?!\w)): never the bare "s" of a dropped "'s" */
    if (p >= 1 && at(t, p) == 's' && at(t, p - 1) == '\'' && !word_at(t, p + 1)) return -1;
    i = skip_word(t, p + 1);
    while (i < t->n) {
        Py_UCS4 c = at(t, i);
        if (c == '-') {
            /* -\w++ */
            if (word_at(t, i + 1)) { i = skip_word(t, i + 2); continue; }
            break;
        }
        if (c == '\'') {
            /* '(?!s\b)\w++ ; "s\b" is an "s" not followed by \w */
            if (word_at(t, i + 1) && !(at(t, i + 1) == 's' && !word_at(t, i + 2))) {
                i = skip_word(t, i + 2);
                continue;
            }
            break;
        }
        if (c == ',') {
            /* (?<=\d)[.,]\d++ */
            if (digit_at(t, i - 1) && digit_at(t, i + 1)) {
                i += 2;
                while (digit_at(t, i)) i++;
                continue;
            }
            break;
        }
        if (c == '.') {
            /* (?<=\d)[.,]\d++ */
            if (digit_at(t, i - 1) && digit_at(t, i + 1)) {
                i += 2;
                while (digit_at(t, i)) i++;
                continue;
            }
            /* (?<=\b\w)\.\w\b : one \w before the dot with a boundary before it, one
               \w after the dot with a boundary after it */
            if (word_at(t, i - 1) && !word_at(t, i - 2) && word_at(t, i + 1) &&
                !word_at(t, i + 2)) {
                i += 2;
                continue;
            }
            /* (?<=\.[^\W\d_])\. : a dot after ".<letter>" */
            if (i >= 2 && at(t, i - 2) == '.') {
                Py_UCS4 b = at(t, i - 1);
                if (is_word_ch(b) && !is_digit_ch(b) && b != '_') {
                    i += 1;
                    continue;
                }
            }
            break;
        }
        if (c == '%') {
            /* (?<=\d)% */
            if (digit_at(t, i - 1)) { i += 1; continue; }
            break;
        }
        break;
    }
    return i;
}

/* Find the next token at or after *pos; set *start and return its end, or -1. */
static inline Py_ssize_t next_token(const Text *t, Py_ssize_t *pos, Py_ssize_t *start) {
    Py_ssize_t p = *pos;
    while (p < t->n) {
        Py_ssize_t e = match_at(t, p);
        if (e > p) {
            *start = p;
            *pos = e;
            return e;
        }
        p++;
    }
    *pos = p;
    return -1;
}

static int load_text(PyObject *obj, Text *t) {
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "expected a str, got %.80s", Py_TYPE(obj)->tp_name);
        return -1;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(obj) < 0) return -1;  /* a no-op from Python 3.12 on */
#endif
    t->kind = PyUnicode_KIND(obj);
    t->data = PyUnicode_DATA(obj);
    t->n = PyUnicode_GET_LENGTH(obj);
    return 0;
}

PyDoc_STRVAR(tokenize_doc,
"tokenize(text) -> list of str\n\n"
"The tokens of an already normalised (and lower-cased) text: the same list as\n"
"framing.text.TOKEN_PATTERN's findall.");

static PyObject *speed_tokenize(PyObject *self, PyObject *arg) {
    Text t;
    Py_ssize_t pos = 0, start, end;
    PyObject *out;
    if (load_text(arg, &t) < 0) return NULL;
    out = PyList_New(0);
    if (out == NULL) return NULL;
    while ((end = next_token(&t, &pos, &start)) >= 0) {
        PyObject *tok = PyUnicode_Substring(arg, start, end);
        if (tok == NULL || PyList_Append(out, tok) < 0) {
            Py_XDECREF(tok);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(tok);
    }
    return out;
}

PyDoc_STRVAR(count_hits_doc,
"count_hits(text, table, default, keep_tokens=False) -> (n_tokens, hits, tokens)\n\n"
"Tokenize an already normalised text and count the tokens that are hits: with a set\n"
"(or frozenset) ``table``, the members; with a dict, the tokens whose value is true,\n"
"a token missing from the dict counting as ``default`` (truthy: kept). ``hits`` is a\n"
"dict from token to its number of occurrences, in order of first occurrence, as\n"
"``collections.Counter`` over the kept tokens would give. ``tokens`` is the whole\n"
"token list (as tokenize() gives) if ``keep_tokens`` is true, else None.");

static PyObject *speed_count_hits(PyObject *self, PyObject *args) {
    PyObject *text, *table, *dflt;
    Text t;
    Py_ssize_t pos = 0, start, end, n_tokens = 0;
    int is_set, keep_missing, keep_tokens = 0;
    PyObject *hits, *toks = NULL;
    if (!PyArg_ParseTuple(args, "UOO|p:count_hits", &text, &table, &dflt, &keep_tokens))
        return NULL;
    if (PyAnySet_Check(table)) {
        is_set = 1;
    } else if (PyDict_Check(table)) {
        is_set = 0;
    } else {
        PyErr_Format(PyExc_TypeError, "table must be a set or a dict, got %.80s",
                     Py_TYPE(table)->tp_name);
        return NULL;
    }
    keep_missing = PyObject_IsTrue(dflt);
    if (keep_missing < 0) return NULL;
    if (load_text(text, &t) < 0) return NULL;
    hits = PyDict_New();
    if (hits == NULL) return NULL;
    if (keep_tokens && (toks = PyList_New(0)) == NULL) goto fail;
    while ((end = next_token(&t, &pos, &start)) >= 0) {
        PyObject *tok, *old;
        int keep;
        n_tokens++;
        tok = PyUnicode_Substring(text, start, end);
        if (tok == NULL) goto fail;
        if (toks != NULL && PyList_Append(toks, tok) < 0) { Py_DECREF(tok); goto fail; }
        if (is_set) {
            keep = PySet_Contains(table, tok);
        } else {
            PyObject *v = PyDict_GetItemWithError(table, tok);  /* borrowed */
            if (v != NULL) keep = PyObject_IsTrue(v);
            else keep = PyErr_Occurred() ? -1 : keep_missing;
        }
        if (keep < 0) { Py_DECREF(tok); goto fail; }
        if (keep) {
            PyObject *k;
            old = PyDict_GetItemWithError(hits, tok);  /* borrowed */
            if (old == NULL && PyErr_Occurred()) { Py_DECREF(tok); goto fail; }
            k = old == NULL ? PyLong_FromLong(1)
                            : PyLong_FromSsize_t(PyLong_AsSsize_t(old) + 1);
            if (k == NULL || PyDict_SetItem(hits, tok, k) < 0) {
                Py_XDECREF(k);
                Py_DECREF(tok);
                goto fail;
            }
            Py_DECREF(k);
        }
        Py_DECREF(tok);
    }
    if (toks == NULL) {
        Py_INCREF(Py_None);
        toks = Py_None;
    }
    return Py_BuildValue("(nNN)", n_tokens, hits, toks);
fail:
    Py_DECREF(hits);
    Py_XDECREF(toks);
    return NULL;
}


/* ---------------------------------------------------------------------------------
 * Rank sums per column of a compressed-column matrix (framing.keyness's article-level
 * rank-sum test; the numpy path in framing/keyness/_stats.py gives the same numbers,
 * tests/test_keyness.py compares them).
 *
 * Column j holds the non-zero rates of term j over articles (the other n - k articles
 * have rate 0 and share the lowest tie group). Sorting the k non-zeros of a column
 * gives their mid-ranks above the zeros; the function writes, per column, the rank sum
 * of the target's articles (zeros included), and the sum and sum of squares of the
 * non-zeros' ranks, which the mixture p-value needs.
 * ------------------------------------------------------------------------------- */

typedef struct {
    double value;
    int target;
} RankItem;

static int compare_rank_items(const void *a, const void *b) {
    double x = ((const RankItem *)a)->value, y = ((const RankItem *)b)->value;
    return (x > y) - (x < y);
}

PyDoc_STRVAR(rank_sums_doc,
"rank_sums(indptr, indices, data, in_target, n_target, w, r_sum, r_ss, scale=None, n_rows=-1)\n"
"--\n\n"
"Per column of a compressed-column matrix: ``w[j]`` the rank sum of the rows marked in\n"
"``in_target`` (bytes, one per row; the column's zeros share their mid-rank),\n"
"``r_sum[j]`` and ``r_ss[j]`` the sum and sum of squares of the non-zero entries'\n"
"mid-ranks. A row's value is ``data`` divided by ``scale[row]`` when ``scale`` (float64,\n"
"one per row, positive where a row has entries) is given. ``n_rows`` rows are ranked\n"
"(default ``len(in_target)``; rows without entries may be left out of the count).\n"
"``indptr`` int64, ``indices`` int32 or int64, ``data`` float64 without explicit\n"
"zeros; ``w``, ``r_sum``, ``r_ss`` writable float64 arrays of the number of columns.");

static PyObject *speed_rank_sums(PyObject *self, PyObject *args) {
    Py_buffer ip, ix, dv, tg, wv, sv, qv, cv;
    Py_ssize_t n_target, v, n, n_rows = -1, j, max_k = 0;
    RankItem *items = NULL;
    PyObject *result = NULL;
    int bad_row = 0;
    cv.buf = NULL;
    cv.obj = NULL;
    cv.len = 0;
    if (!PyArg_ParseTuple(args, "y*y*y*y*nw*w*w*|z*n:rank_sums", &ip, &ix, &dv, &tg, &n_target,
                          &wv, &sv, &qv, &cv, &n_rows))
        return NULL;
    v = ip.len / 8 - 1;
    n = n_rows >= 0 ? n_rows : tg.len;
    if (ip.itemsize != 8 || (ix.itemsize != 4 && ix.itemsize != 8) || dv.itemsize != 8 ||
        wv.len != v * 8 || sv.len != v * 8 || qv.len != v * 8 || v < 0 ||
        ix.len / ix.itemsize != dv.len / 8 || n > tg.len ||
        (cv.buf != NULL && cv.len != tg.len * 8)) {
        PyErr_SetString(PyExc_ValueError, "rank_sums: arrays of unexpected types or sizes");
        goto done;
    }
    {
        const long long *indptr = (const long long *)ip.buf;
        const double *data = (const double *)dv.buf;
        const unsigned char *in_t = (const unsigned char *)tg.buf;
        double *w = (double *)wv.buf, *r_sum = (double *)sv.buf, *r_ss = (double *)qv.buf;
        Py_ssize_t nnz = dv.len / 8;
        if (indptr[0] != 0 || indptr[v] != nnz) {
            PyErr_SetString(PyExc_ValueError, "rank_sums: indptr does not match data");
            goto done;
        }
        for (j = 0; j < v; j++) {
            Py_ssize_t k = (Py_ssize_t)(indptr[j + 1] - indptr[j]);
            if (k < 0) {
                PyErr_SetString(PyExc_ValueError, "rank_sums: indptr is not increasing");
                goto done;
            }
            if (k > max_k) max_k = k;
        }
        items = PyMem_Malloc((max_k > 0 ? max_k : 1) * sizeof(RankItem));
        if (items == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        Py_BEGIN_ALLOW_THREADS
        for (j = 0; j < v; j++) {
            Py_ssize_t start = (Py_ssize_t)indptr[j], k = (Py_ssize_t)indptr[j + 1] - start;
            Py_ssize_t i, g, zeros = n - k, nz_t = 0;
            double ws = 0.0, rs = 0.0, rq = 0.0;
            for (i = 0; i < k; i++) {
                Py_ssize_t row = ix.itemsize == 4 ? (Py_ssize_t)((const int *)ix.buf)[start + i]
                                                  : (Py_ssize_t)((const long long *)ix.buf)[start + i];
                if (row < 0 || row >= tg.len) { bad_row = 1; row = 0; }
                items[i].value = data[start + i];
                if (cv.buf != NULL) {
                    double d = ((const double *)cv.buf)[row];
                    if (!(d > 0.0)) bad_row = 1;
                    items[i].value /= d;
                }
                items[i].target = in_t[row] != 0;
            }
            if (k > 1) qsort(items, (size_t)k, sizeof(RankItem), compare_rank_items);
            for (i = 0; i < k; i = g) {
                Py_ssize_t t = 0;
                double rank;
                for (g = i; g < k && items[g].value == items[i].value; g++) t += items[g].target;
                rank = (double)zeros + (double)i + ((double)(g - i) + 1.0) / 2.0;
                ws += rank * (double)t;
                rs += rank * (double)(g - i);
                rq += rank * rank * (double)(g - i);
                nz_t += t;
            }
            w[j] = ws + (double)(n_target - nz_t) * ((double)zeros + 1.0) / 2.0;
            r_sum[j] = rs;
            r_ss[j] = rq;
        }
        Py_END_ALLOW_THREADS
        if (bad_row) {
            PyErr_SetString(PyExc_ValueError, "rank_sums: a row index outside in_target, or an "
                            "entry in a row whose scale is not positive");
            goto done;
        }
    }
    Py_INCREF(Py_None);
    result = Py_None;
done:
    PyMem_Free(items);
    PyBuffer_Release(&cv);  /* a no-op when scale was not given or None */
    PyBuffer_Release(&ip);
    PyBuffer_Release(&ix);
    PyBuffer_Release(&dv);
    PyBuffer_Release(&tg);
    PyBuffer_Release(&wv);
    PyBuffer_Release(&sv);
    PyBuffer_Release(&qv);
    return result;
}

/* ---------------------------------------------------------------------------------
 * The (articles x terms) count matrix of framing.keyness in compressed-column form,
 * from the coded n-gram occurrences (article ``doc``, term ``code``) of one n-gram
 * level, which come in article order. ``colmap`` maps a term code to its column (or
 * -1: not kept). Two passes: column_nnz counts each column's distinct articles, and
 * after the caller has laid out ``indptr``, column_fill writes each column's articles
 * (in order) and their counts. The numpy path in framing/keyness/_keyness.py builds
 * the same matrix (tests/test_keyness.py compares them).
 * ------------------------------------------------------------------------------- */

static int check_stream(Py_buffer *doc, Py_buffer *code, Py_buffer *colmap, const char *name) {
    if (doc->itemsize != 8 || code->itemsize != 8 || colmap->itemsize != 8 ||
        doc->len != code->len) {
        PyErr_Format(PyExc_ValueError, "%s: doc, code and colmap must be int64, doc and code "
                     "of the same length", name);
        return -1;
    }
    return 0;
}

/* The column of occurrence i (>= 0), -1 when its term is not kept, -2 with an exception
 * set when the code or the column is out of range. */
static long long stream_column(const long long *code, const long long *colmap, Py_ssize_t i,
                               Py_ssize_t n_codes, Py_ssize_t n_cols, const char *name) {
    long long c;
    if (code[i] < 0 || code[i] >= n_codes) {
        PyErr_Format(PyExc_ValueError, "%s: a term code outside colmap", name);
        return -2;
    }
    c = colmap[code[i]];
    if (c >= n_cols) {
        PyErr_Format(PyExc_ValueError, "%s: a column outside the output", name);
        return -2;
    }
    return c < 0 ? -1 : c;
}

PyDoc_STRVAR(column_nnz_doc,
"column_nnz(doc, code, colmap, nnz, last)\n"
"--\n\n"
"Add to ``nnz[c]`` the number of distinct articles of column ``c = colmap[code[i]]``\n"
"over the occurrences ``i`` (``doc`` in increasing order). ``last`` (int64, one per\n"
"column, -1 at the start) remembers the last article seen per column. All int64.");

static PyObject *speed_column_nnz(PyObject *self, PyObject *args) {
    Py_buffer dv, cv, mv, nv, lv;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*w*w*:column_nnz", &dv, &cv, &mv, &nv, &lv)) return NULL;
    if (check_stream(&dv, &cv, &mv, "column_nnz") < 0) goto done;
    if (nv.itemsize != 8 || lv.len != nv.len) {
        PyErr_SetString(PyExc_ValueError, "column_nnz: nnz and last must be int64 of one length");
        goto done;
    }
    {
        const long long *doc = dv.buf, *code = cv.buf, *colmap = mv.buf;
        long long *nnz = nv.buf, *last = lv.buf;
        Py_ssize_t i, n = dv.len / 8, n_codes = mv.len / 8, n_cols = nv.len / 8;
        for (i = 0; i < n; i++) {
            long long c = stream_column(code, colmap, i, n_codes, n_cols, "column_nnz");
            if (c == -2) goto done;
            if (c < 0) continue;
            if (last[c] != doc[i]) {
                nnz[c]++;
                last[c] = doc[i];
            }
        }
    }
    Py_INCREF(Py_None);
    result = Py_None;
done:
    PyBuffer_Release(&dv);
    PyBuffer_Release(&cv);
    PyBuffer_Release(&mv);
    PyBuffer_Release(&nv);
    PyBuffer_Release(&lv);
    return result;
}

PyDoc_STRVAR(column_fill_doc,
"column_fill(doc, code, colmap, start, pos, indices, data)\n"
"--\n\n"
"Write the occurrences (``doc`` in increasing order) into the compressed columns laid\n"
"out by ``start`` (``indptr[:-1]``): ``pos`` (a copy of ``start``) is each column's\n"
"next free slot; a repeated article adds 1 to its count in ``data`` (float64).\n"
"``indices`` int64; the rest int64.");

static PyObject *speed_column_fill(PyObject *self, PyObject *args) {
    Py_buffer dv, cv, mv, sv, pv, iv, av;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*y*w*w*w*:column_fill", &dv, &cv, &mv, &sv, &pv, &iv, &av))
        return NULL;
    if (check_stream(&dv, &cv, &mv, "column_fill") < 0) goto done;
    if (sv.itemsize != 8 || pv.len != sv.len || iv.itemsize != 8 || av.itemsize != 8 ||
        iv.len != av.len) {
        PyErr_SetString(PyExc_ValueError, "column_fill: arrays of unexpected types or sizes");
        goto done;
    }
    {
        const long long *doc = dv.buf, *code = cv.buf, *colmap = mv.buf, *start = sv.buf;
        long long *pos = pv.buf, *indices = iv.buf;
        double *data = av.buf;
        Py_ssize_t i, n = dv.len / 8, n_codes = mv.len / 8, n_cols = sv.len / 8;
        Py_ssize_t cap = iv.len / 8;
        for (i = 0; i < n; i++) {
            long long c = stream_column(code, colmap, i, n_codes, n_cols, "column_fill");
            if (c == -2) goto done;
            if (c < 0) continue;
            if (pos[c] > start[c] && indices[pos[c] - 1] == doc[i]) {
                data[pos[c] - 1] += 1.0;
            } else {
                if (pos[c] < 0 || pos[c] >= cap) {
                    PyErr_SetString(PyExc_ValueError, "column_fill: more entries than laid out");
                    goto done;
                }
                indices[pos[c]] = doc[i];
                data[pos[c]] = 1.0;
                pos[c]++;
            }
        }
    }
    Py_INCREF(Py_None);
    result = Py_None;
done:
    PyBuffer_Release(&dv);
    PyBuffer_Release(&cv);
    PyBuffer_Release(&mv);
    PyBuffer_Release(&sv);
    PyBuffer_Release(&pv);
    PyBuffer_Release(&iv);
    PyBuffer_Release(&av);
    return result;
}

/* ---------------------------------------------------------------------------------
 * Word n-gram counts of framing.classify's TextFeatures (TF-IDF features).
 *
 * token_ids turns texts (tokenized here by the scanner above) or token lists into
 * integer token ids through a token_table: a hash table over a dict {token: id} keyed
 * by code points, so a known token is found without making a str of it (a new one is
 * added to the dict while fitting). An n-gram of ids (i_1, ..., i_n) has the code
 *     offset(n) + i_1 * size^(n-1) + ... + i_n,   offset(n) = size + ... + size^(n-1),
 * (``size``: the number of distinct tokens), unique over all n. A gram_table is a hash
 * table of codes (open addressing, linear probing, Fibonacci hashing) numbering them:
 * gram_fit adds the codes of a batch of texts in order of first occurrence and counts
 * each one's texts and occurrences (gram_counts); a table of the kept codes only
 * (gram_insert, numbered by output column) gives gram_rows the compressed rows of a
 * batch's counts. Tables live in capsules and are never pickled: a fitted model keeps
 * its token dict and codes and rebuilds them. framing/classify/_features.py has the
 * numpy path that gives the same matrices (tests/test_classify_features.py).
 * ------------------------------------------------------------------------------- */

/* One slot of a gram_table: all a count needs in 32 bytes (one cache line). */
typedef struct {
    long long key;  /* the code, -1: empty */
    double tf;      /* occurrences (gram_fit) */
    long long last; /* the stamp of the last text the code was seen in */
    int term;       /* the code's number */
    int aux;        /* gram_fit: texts it is in (df); gram_rows: its entry in the row */
} Slot;

typedef struct {
    Slot *slots;
    Py_ssize_t cap;  /* slots, a power of two */
    int shift;       /* 64 - log2(cap) */
    Py_ssize_t n;    /* terms */
    long long stamp; /* texts counted so far (a fresh stamp per text) */
} GramTable;

static void gram_table_free(PyObject *capsule) {
    GramTable *t = PyCapsule_GetPointer(capsule, "framing.gram_table");
    if (t == NULL) return;
    PyMem_Free(t->slots);
    PyMem_Free(t);
}

static int gram_table_resize(GramTable *t, Py_ssize_t cap) {
    Slot *slots;
    Py_ssize_t i;
    int shift = 64;
    if ((size_t)cap > PY_SSIZE_T_MAX / sizeof(Slot) ||
        (slots = PyMem_Malloc(cap * sizeof(Slot))) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (i = 1; i < cap; i <<= 1) shift--;
    for (i = 0; i < cap; i++) slots[i].key = -1;
    for (i = 0; i < t->cap; i++) {
        if (t->slots[i].key >= 0) {
            unsigned long long h =
                ((unsigned long long)t->slots[i].key * 0x9E3779B97F4A7C15ULL) >> shift;
            while (slots[h].key >= 0) h = (h + 1) & (cap - 1);
            slots[h] = t->slots[i];
        }
    }
    PyMem_Free(t->slots);
    t->slots = slots;
    t->cap = cap;
    t->shift = shift;
    return 0;
}

/* The slot of a code; an unseen code is added when ``grow``, else NULL. NULL with an
 * exception set on error (check PyErr_Occurred()). */
static inline Slot *gram_find(GramTable *t, long long code, int grow) {
    unsigned long long h = ((unsigned long long)code * 0x9E3779B97F4A7C15ULL) >> t->shift;
    Slot *s;
    while (t->slots[h].key >= 0) {
        if (t->slots[h].key == code) return &t->slots[h];
        h = (h + 1) & (t->cap - 1);
    }
    if (!grow) return NULL;
    if (t->n >= INT_MAX) {
        PyErr_SetString(PyExc_OverflowError, "gram table: too many n-grams");
        return NULL;
    }
    if (2 * (t->n + 1) > t->cap) {
        if (gram_table_resize(t, 2 * t->cap) < 0) return NULL;
        return gram_find(t, code, grow);
    }
    s = &t->slots[h];
    s->key = code;
    s->tf = 0.0;
    s->last = -1;
    s->term = (int)t->n++;
    s->aux = 0;
    return s;
}

static GramTable *get_table(PyObject *capsule) {
    return PyCapsule_GetPointer(capsule, "framing.gram_table");
}

PyDoc_STRVAR(gram_table_doc,
"gram_table() -> capsule\n\n"
"An empty hash table of n-gram codes (for gram_rows, gram_insert, gram_codes).");

static PyObject *speed_gram_table(PyObject *self, PyObject *noargs) {
    GramTable *t = PyMem_Calloc(1, sizeof(GramTable));
    PyObject *capsule;
    if (t == NULL) return PyErr_NoMemory();
    if (gram_table_resize(t, 1024) < 0) {
        PyMem_Free(t);
        return NULL;
    }
    capsule = PyCapsule_New(t, "framing.gram_table", gram_table_free);
    if (capsule == NULL) {
        PyMem_Free(t->slots);
        PyMem_Free(t);
    }
    return capsule;
}

PyDoc_STRVAR(gram_insert_doc,
"gram_insert(table, codes)\n"
"--\n\n"
"Add the codes (int64, distinct, not yet in the table) in order: the i-th gets the\n"
"term number n + i (n: the table's terms before).");

static PyObject *speed_gram_insert(PyObject *self, PyObject *args) {
    PyObject *capsule;
    Py_buffer cv;
    GramTable *t;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "Oy*:gram_insert", &capsule, &cv)) return NULL;
    if ((t = get_table(capsule)) == NULL) goto done;
    if (cv.itemsize != 8) {
        PyErr_SetString(PyExc_ValueError, "gram_insert: codes must be int64");
        goto done;
    }
    {
        const long long *codes = cv.buf;
        Py_ssize_t i, n = cv.len / 8;
        for (i = 0; i < n; i++) {
            Py_ssize_t before = t->n;
            if (codes[i] < 0) {
                PyErr_SetString(PyExc_ValueError, "gram_insert: a negative code");
                goto done;
            }
            if (gram_find(t, codes[i], 1) == NULL) goto done;
            if (t->n == before) {
                PyErr_SetString(PyExc_ValueError, "gram_insert: a code given twice");
                goto done;
            }
        }
    }
    Py_INCREF(Py_None);
    result = Py_None;
done:
    PyBuffer_Release(&cv);
    return result;
}

PyDoc_STRVAR(gram_codes_doc,
"gram_codes(table) -> bytes\n"
"--\n\n"
"The codes of the table's terms (int64), by term number.");

static PyObject *speed_gram_codes(PyObject *self, PyObject *capsule) {
    GramTable *t = get_table(capsule);
    PyObject *out;
    long long *codes;
    Py_ssize_t i;
    if (t == NULL) return NULL;
    out = PyBytes_FromStringAndSize(NULL, t->n * 8);
    if (out == NULL) return NULL;
    codes = (long long *)PyBytes_AS_STRING(out);
    for (i = 0; i < t->cap; i++)
        if (t->slots[i].key >= 0) codes[t->slots[i].term] = t->slots[i].key;
    return out;
}

/* A growing int64 buffer. */
typedef struct {
    long long *v;
    Py_ssize_t n, cap;
} Buf;

static int buf_push(Buf *b, long long x) {
    if (b->n == b->cap) {
        Py_ssize_t cap = b->cap ? 2 * b->cap : 4096;
        long long *v = PyMem_Realloc(b->v, cap * sizeof(long long));
        if (v == NULL) { PyErr_NoMemory(); return -1; }
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = x;
    return 0;
}

static PyObject *buf_bytes(Buf *b) {
    PyObject *out = PyBytes_FromStringAndSize((const char *)b->v, b->n * 8);
    PyMem_Free(b->v);
    b->v = NULL;
    return out;
}

/* A table of token ids for token_ids: the tokens of a dict {token: id} in a hash
 * table keyed by their code points, so a token of a text is looked up without making
 * a str of it (a str is made only for a new token, which goes into the dict too). */
typedef struct {
    PyObject *dict;             /* {token: id} (a reference is held) */
    PyObject **strs;            /* per slot: the token (a reference is held) or NULL */
    unsigned long long *hashes; /* per slot */
    long long *ids;             /* per slot */
    Py_ssize_t cap, n;
    int shift;
} TokenTable;

static void token_table_free(PyObject *capsule) {
    TokenTable *t = PyCapsule_GetPointer(capsule, "framing.token_table");
    Py_ssize_t i;
    if (t == NULL) return;
    for (i = 0; i < t->cap; i++) Py_XDECREF(t->strs[i]);
    Py_XDECREF(t->dict);
    PyMem_Free(t->strs);
    PyMem_Free(t->hashes);
    PyMem_Free(t->ids);
    PyMem_Free(t);
}

/* FNV-1a over the code points of text[start:end] (the same for any str kind). */
static inline unsigned long long span_hash(int kind, const void *data, Py_ssize_t start,
                                           Py_ssize_t end) {
    unsigned long long h = 1469598103934665603ULL;
    Py_ssize_t i;
    for (i = start; i < end; i++) {
        h ^= (unsigned long long)PyUnicode_READ(kind, data, i);
        h *= 1099511628211ULL;
    }
    return h;
}

static inline int span_equal(PyObject *str, int kind, const void *data, Py_ssize_t start,
                             Py_ssize_t len) {
    int k2 = PyUnicode_KIND(str);
    const void *d2 = PyUnicode_DATA(str);
    Py_ssize_t i;
    if (PyUnicode_GET_LENGTH(str) != len) return 0;
    if (k2 == kind) return memcmp((const char *)data + start * kind, d2, len * kind) == 0;
    for (i = 0; i < len; i++)
        if (PyUnicode_READ(kind, data, start + i) != PyUnicode_READ(k2, d2, i)) return 0;
    return 1;
}

static int token_table_resize(TokenTable *t, Py_ssize_t cap) {
    PyObject **strs = PyMem_Calloc(cap, sizeof(PyObject *));
    unsigned long long *hashes = PyMem_Malloc(cap * sizeof(unsigned long long));
    long long *ids = PyMem_Malloc(cap * sizeof(long long));
    Py_ssize_t i;
    int shift = 64;
    if (strs == NULL || hashes == NULL || ids == NULL) {
        PyMem_Free(strs);
        PyMem_Free(hashes);
        PyMem_Free(ids);
        PyErr_NoMemory();
        return -1;
    }
    for (i = 1; i < cap; i <<= 1) shift--;
    for (i = 0; i < t->cap; i++) {
        if (t->strs[i] != NULL) {
            unsigned long long h = (t->hashes[i] * 0x9E3779B97F4A7C15ULL) >> shift;
            while (strs[h] != NULL) h = (h + 1) & (cap - 1);
            strs[h] = t->strs[i];
            hashes[h] = t->hashes[i];
            ids[h] = t->ids[i];
        }
    }
    PyMem_Free(t->strs);
    PyMem_Free(t->hashes);
    PyMem_Free(t->ids);
    t->strs = strs;
    t->hashes = hashes;
    t->ids = ids;
    t->cap = cap;
    t->shift = shift;
    return 0;
}

/* Add a token (a new reference is taken) with its hash and id; 0, or -1 on error. */
static int token_table_add(TokenTable *t, PyObject *tok, unsigned long long hash, long long id) {
    unsigned long long h;
    if (2 * (t->n + 1) > t->cap && token_table_resize(t, 2 * t->cap) < 0) return -1;
    h = (hash * 0x9E3779B97F4A7C15ULL) >> t->shift;
    while (t->strs[h] != NULL) h = (h + 1) & (t->cap - 1);
    Py_INCREF(tok);
    t->strs[h] = tok;
    t->hashes[h] = hash;
    t->ids[h] = id;
    t->n++;
    return 0;
}

PyDoc_STRVAR(token_table_doc,
"token_table(table) -> capsule\n"
"--\n\n"
"A lookup table over a dict {token (str): id (int)} for token_ids (which adds new\n"
"tokens to both). Later changes to the dict by other code are not seen.");

static PyObject *speed_token_table(PyObject *self, PyObject *dict) {
    TokenTable *t;
    PyObject *key, *value, *capsule;
    Py_ssize_t pos = 0;
    if (!PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "token_table: expected a dict");
        return NULL;
    }
    t = PyMem_Calloc(1, sizeof(TokenTable));
    if (t == NULL) return PyErr_NoMemory();
    capsule = PyCapsule_New(t, "framing.token_table", token_table_free);
    if (capsule == NULL) {
        PyMem_Free(t);
        return NULL;
    }
    Py_INCREF(dict);
    t->dict = dict;
    if (token_table_resize(t, 1024) < 0) goto fail;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        long long id;
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "token_table: a key that is not a str");
            goto fail;
        }
        id = PyLong_AsLongLong(value);
        if (id == -1 && PyErr_Occurred()) goto fail;
        if (token_table_add(t, key, span_hash(PyUnicode_KIND(key), PyUnicode_DATA(key), 0,
                                              PyUnicode_GET_LENGTH(key)), id) < 0)
            goto fail;
    }
    return capsule;
fail:
    Py_DECREF(capsule);
    return NULL;
}

/* The id of text[start:end] (``src``: the str it is in; ``whole``: it is all of src):
 * added as len(dict) when ``grow``, else -1 when missing; -2 on error. */
static long long token_id(TokenTable *t, PyObject *src, int kind, const void *data,
                          Py_ssize_t start, Py_ssize_t end, int whole, int grow) {
    unsigned long long hash = span_hash(kind, data, start, end);
    unsigned long long h = (hash * 0x9E3779B97F4A7C15ULL) >> t->shift;
    PyObject *tok, *k;
    long long id;
    while (t->strs[h] != NULL) {
        if (t->hashes[h] == hash && span_equal(t->strs[h], kind, data, start, end - start))
            return t->ids[h];
        h = (h + 1) & (t->cap - 1);
    }
    if (!grow) return -1;
    if (whole) {
        Py_INCREF(src);
        tok = src;
    } else if ((tok = PyUnicode_Substring(src, start, end)) == NULL) {
        return -2;
    }
    id = PyDict_GET_SIZE(t->dict);
    k = PyLong_FromLongLong(id);
    if (k == NULL || PyDict_SetItem(t->dict, tok, k) < 0 ||
        token_table_add(t, tok, hash, id) < 0) {
        Py_XDECREF(k);
        Py_DECREF(tok);
        return -2;
    }
    Py_DECREF(k);
    Py_DECREF(tok);
    return id;
}

PyDoc_STRVAR(token_ids_doc,
"token_ids(texts, table, grow) -> (ids, lengths)\n"
"--\n\n"
"Token ids of a list of texts: each a str (already normalised; tokenized as tokenize()\n"
"does) or a list of str (its tokens). ``table`` is a token_table: a token not in it\n"
"gets the id len(dict) (and is added to the table and its dict) when ``grow``, else -1.\n"
"Returns the ids of all tokens, text after text, and each text's number of tokens, as\n"
"int64 bytes.");

static PyObject *speed_token_ids(PyObject *self, PyObject *args) {
    PyObject *texts, *capsule, *ids_b = NULL, *lens_b = NULL;
    TokenTable *table;
    int grow;
    Py_ssize_t i;
    Buf ids = {NULL, 0, 0}, lens = {NULL, 0, 0};
    if (!PyArg_ParseTuple(args, "O!Op:token_ids", &PyList_Type, &texts, &capsule, &grow))
        return NULL;
    if ((table = PyCapsule_GetPointer(capsule, "framing.token_table")) == NULL) return NULL;
    /* Adding a token to the dict may run Python code (the __hash__ or __eq__ of a str
     * subclass), which may change the lists: references are held to what is read, and
     * the lengths are read again at each step. */
    for (i = 0; i < PyList_GET_SIZE(texts); i++) {
        PyObject *item = PyList_GET_ITEM(texts, i);
        Py_ssize_t before = ids.n;
        int failed = 0;
        Py_INCREF(item);
        if (PyUnicode_Check(item)) {
            Text t;
            Py_ssize_t pos = 0, start, end;
            if (load_text(item, &t) < 0) failed = 1;
            while (!failed && (end = next_token(&t, &pos, &start)) >= 0) {
                long long id = token_id(table, item, t.kind, t.data, start, end, 0, grow);
                if (id == -2 || buf_push(&ids, id) < 0) failed = 1;
            }
        } else if (PyList_Check(item)) {
            Py_ssize_t j;
            for (j = 0; !failed && j < PyList_GET_SIZE(item); j++) {
                PyObject *tok = PyList_GET_ITEM(item, j);
                Text t;
                long long id;
                if (!PyUnicode_Check(tok)) {
                    PyErr_Format(PyExc_TypeError, "token_ids: text %zd has a token that is "
                                 "not a str (%.80s)", i, Py_TYPE(tok)->tp_name);
                    failed = 1;
                    break;
                }
                Py_INCREF(tok);
                if (load_text(tok, &t) < 0) {
                    failed = 1;
                } else {
                    id = token_id(table, tok, t.kind, t.data, 0, t.n, 1, grow);
                    if (id == -2 || buf_push(&ids, id) < 0) failed = 1;
                }
                Py_DECREF(tok);
            }
        } else {
            PyErr_Format(PyExc_TypeError, "token_ids: text %zd is neither a str nor a list "
                         "(%.80s)", i, Py_TYPE(item)->tp_name);
            failed = 1;
        }
        Py_DECREF(item);
        if (failed || buf_push(&lens, ids.n - before) < 0) goto fail;
    }
    ids_b = buf_bytes(&ids);
    lens_b = buf_bytes(&lens);
    if (ids_b == NULL || lens_b == NULL) {
        Py_XDECREF(ids_b);
        Py_XDECREF(lens_b);
        return NULL;
    }
    return Py_BuildValue("(NN)", ids_b, lens_b);
fail:
    PyMem_Free(ids.v);
    PyMem_Free(lens.v);
    return NULL;
}

/* Count the lo..hi-grams of texts (token ids, -1 unknown; their lengths). With
 * ``indptr`` (etc.) NULL: add unseen codes to the table (gram_fit) and count each
 * term's texts and occurrences (df, tf). Otherwise: write the rows (the columns of
 * known codes only). Returns the entries written, or -1 with an exception set. */
static Py_ssize_t count_grams(GramTable *t, const long long *ids, Py_ssize_t n_ids,
                              const long long *lens, Py_ssize_t n_docs, int lo, int hi,
                              long long size, const unsigned char *skip, long long *indptr,
                              int *indices, double *data) {
    Py_ssize_t d, k = 0, p = 0;
    long long offset[65];
    int n, fit = indptr == NULL;
    if (lo < 1 || hi < lo || hi >= 63 || size < 1) {
        PyErr_SetString(PyExc_ValueError, "gram counts: need 1 <= lo <= hi < 63, size >= 1");
        return -1;
    }
    {   /* offset[n] = size + ... + size^(n-1); every code below offset[hi + 1] < 2^62 */
        long long power = 1, limit = 1LL << 62;
        offset[1] = 0;
        for (n = 2; n <= hi + 1; n++) {
            if (power > limit / size || offset[n - 1] > limit - power * size) {
                PyErr_SetString(PyExc_OverflowError, "gram counts: the n-gram codes of "
                                "this many distinct tokens do not fit 62 bits");
                return -1;
            }
            power *= size;
            offset[n] = offset[n - 1] + power;
        }
    }
    if (indptr != NULL) indptr[0] = 0;
    for (d = 0; d < n_docs; d++) {
        Py_ssize_t len = lens[d], i;
        long long stamp = t->stamp++;
        if (len < 0 || p + len > n_ids) {
            PyErr_SetString(PyExc_ValueError, "gram counts: lengths do not add up to ids");
            return -1;
        }
        for (i = 0; i < len; i++) {
            long long code = 0;
            for (n = 1; n <= hi && i + n <= len; n++) {
                long long id = ids[p + i + n - 1];
                Slot *s;
                if (id < 0 || id >= size || (skip != NULL && skip[id])) break;
                code = code * size + id;
                if (n < lo) continue;
                s = gram_find(t, offset[n] + code, fit);
                if (s == NULL) {
                    if (PyErr_Occurred()) return -1;
                    continue;
                }
                if (fit) {
                    s->tf += 1.0;
                    if (s->last != stamp) {
                        s->last = stamp;
                        s->aux++;
                    }
                } else if (s->last == stamp) {
                    data[s->aux] += 1.0;
                } else {
                    if (k >= INT_MAX) {
                        PyErr_SetString(PyExc_OverflowError, "gram_rows: too many entries");
                        return -1;
                    }
                    s->last = stamp;
                    s->aux = (int)k;
                    indices[k] = s->term;
                    data[k] = 1.0;
                    k++;
                }
            }
        }
        p += len;
        if (indptr != NULL) indptr[d + 1] = k;
    }
    if (p != n_ids) {
        PyErr_SetString(PyExc_ValueError, "gram counts: lengths do not add up to ids");
        return -1;
    }
    return k;
}

/* The arguments of gram_fit and gram_rows: (table, ids, lengths, lo, hi, size[, skip]). */
typedef struct {
    GramTable *t;
    Py_buffer iv, lv, sv;
    int lo, hi;
    long long size;
} CountArgs;

static void release_count_args(CountArgs *a) {
    PyBuffer_Release(&a->iv);
    PyBuffer_Release(&a->lv);
    if (a->sv.obj != NULL) PyBuffer_Release(&a->sv);
}

/* Parse them (``fmt``: "Oy*y*iiL|y*:<name>", the last an optional uint8 ``skip`` per
 * token id: 1 drops the n-grams holding that token); 0, or -1 with an exception set
 * and no buffer held. release_count_args after a success. */
static int parse_count_args(PyObject *args, const char *fmt, CountArgs *a) {
    PyObject *capsule;
    a->sv.buf = NULL;
    a->sv.obj = NULL;
    if (!PyArg_ParseTuple(args, fmt, &capsule, &a->iv, &a->lv, &a->lo, &a->hi, &a->size,
                          &a->sv))
        return -1;
    if ((a->t = get_table(capsule)) == NULL) goto fail;
    if (a->iv.itemsize != 8 || a->lv.itemsize != 8) {
        PyErr_Format(PyExc_ValueError, "%s: ids and lengths must be int64",
                     strchr(fmt, ':') + 1);
        goto fail;
    }
    if (a->sv.buf != NULL && (a->sv.itemsize != 1 || a->sv.len < a->size)) {
        PyErr_Format(PyExc_ValueError, "%s: skip must be uint8, one per token id",
                     strchr(fmt, ':') + 1);
        goto fail;
    }
    return 0;
fail:
    release_count_args(a);
    return -1;
}

PyDoc_STRVAR(gram_fit_doc,
"gram_fit(table, ids, lengths, lo, hi, size, skip=None)\n"
"--\n\n"
"Add the lo..hi-grams of texts given as token ids (int64; -1: unknown, an n-gram with\n"
"an unknown token, or one whose ``skip`` (uint8 per id) is 1, is left out) and their\n"
"lengths (int64), ``size`` distinct tokens, to\n"
"the table (numbered in order of first occurrence), counting each one's texts and\n"
"occurrences (gram_counts).");

static PyObject *speed_gram_fit(PyObject *self, PyObject *args) {
    CountArgs a;
    Py_ssize_t k;
    if (parse_count_args(args, "Oy*y*iiL|y*:gram_fit", &a) < 0) return NULL;
    k = count_grams(a.t, a.iv.buf, a.iv.len / 8, a.lv.buf, a.lv.len / 8, a.lo, a.hi, a.size,
                    a.sv.buf, NULL, NULL, NULL);
    release_count_args(&a);
    if (k < 0) return NULL;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(gram_counts_doc,
"gram_counts(table) -> (df, tf)\n"
"--\n\n"
"Per term (by number): the texts it was found in (int64) and its occurrences\n"
"(float64) over the gram_fit calls, as bytes (a table given to gram_rows has none).");

static PyObject *speed_gram_counts(PyObject *self, PyObject *capsule) {
    GramTable *t = get_table(capsule);
    PyObject *df_b, *tf_b;
    long long *df;
    double *tf;
    Py_ssize_t i;
    if (t == NULL) return NULL;
    df_b = PyBytes_FromStringAndSize(NULL, t->n * 8);
    tf_b = PyBytes_FromStringAndSize(NULL, t->n * 8);
    if (df_b == NULL || tf_b == NULL) {
        Py_XDECREF(df_b);
        Py_XDECREF(tf_b);
        return NULL;
    }
    df = (long long *)PyBytes_AS_STRING(df_b);
    tf = (double *)PyBytes_AS_STRING(tf_b);
    for (i = 0; i < t->cap; i++) {
        const Slot *s = &t->slots[i];
        if (s->key >= 0) {
            df[s->term] = s->aux;
            tf[s->term] = s->tf;
        }
    }
    return Py_BuildValue("(NN)", df_b, tf_b);
}

PyDoc_STRVAR(gram_rows_doc,
"gram_rows(table, ids, lengths, lo, hi, size, skip=None) -> (indptr, indices, data)\n"
"--\n\n"
"Count the lo..hi-grams of texts given as token ids (as for gram_fit) into compressed\n"
"rows, one per text: the column of an n-gram is its term number in the table (an\n"
"n-gram not in it is skipped), each row's columns in order of first occurrence.\n"
"Returned as bytearrays: indptr int64, indices int32, data (counts) float64.");

static PyObject *speed_gram_rows(PyObject *self, PyObject *args) {
    PyObject *indptr_b = NULL, *indices_b = NULL, *data_b = NULL;
    CountArgs a;
    long long *indptr;
    double *data;
    int *indices;
    Py_ssize_t n_ids, n_docs, k, cap;
    if (parse_count_args(args, "Oy*y*iiL|y*:gram_rows", &a) < 0) return NULL;
    n_ids = a.iv.len / 8;
    n_docs = a.lv.len / 8;
    cap = n_ids * (a.hi >= a.lo && a.lo >= 1 ? a.hi - a.lo + 1 : 1) + 1;
    /* the outputs are bytearrays (writable, shrunk to size in place): no copies */
    indptr_b = PyByteArray_FromStringAndSize(NULL, (n_docs + 1) * 8);
    indices_b = PyByteArray_FromStringAndSize(NULL, cap * 4);
    data_b = PyByteArray_FromStringAndSize(NULL, cap * 8);
    if (indptr_b == NULL || indices_b == NULL || data_b == NULL) goto fail;
    indptr = (long long *)PyByteArray_AS_STRING(indptr_b);
    indices = (int *)PyByteArray_AS_STRING(indices_b);
    data = (double *)PyByteArray_AS_STRING(data_b);
    k = count_grams(a.t, a.iv.buf, n_ids, a.lv.buf, n_docs, a.lo, a.hi, a.size, a.sv.buf,
                    indptr, indices, data);
    if (k < 0) goto fail;
    if (PyByteArray_Resize(indices_b, k * 4) < 0 || PyByteArray_Resize(data_b, k * 8) < 0)
        goto fail;
    release_count_args(&a);
    return Py_BuildValue("(NNN)", indptr_b, indices_b, data_b);
fail:
    Py_XDECREF(indptr_b);
    Py_XDECREF(indices_b);
    Py_XDECREF(data_b);
    release_count_args(&a);
    return NULL;
}

static PyMethodDef methods[] = {
    {"tokenize", speed_tokenize, METH_O, tokenize_doc},
    {"count_hits", speed_count_hits, METH_VARARGS, count_hits_doc},
    {"rank_sums", speed_rank_sums, METH_VARARGS, rank_sums_doc},
    {"column_nnz", speed_column_nnz, METH_VARARGS, column_nnz_doc},
    {"column_fill", speed_column_fill, METH_VARARGS, column_fill_doc},
    {"token_table", speed_token_table, METH_O, token_table_doc},
    {"token_ids", speed_token_ids, METH_VARARGS, token_ids_doc},
    {"gram_table", speed_gram_table, METH_NOARGS, gram_table_doc},
    {"gram_insert", speed_gram_insert, METH_VARARGS, gram_insert_doc},
    {"gram_codes", speed_gram_codes, METH_O, gram_codes_doc},
    {"gram_fit", speed_gram_fit, METH_VARARGS, gram_fit_doc},
    {"gram_counts", speed_gram_counts, METH_O, gram_counts_doc},
    {"gram_rows", speed_gram_rows, METH_VARARGS, gram_rows_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "framing._speedups",
    "The kit's tokenizer, dictionary hit counter, keyness counts and rank sums, and the\n"
    "classifier's n-gram counts in C\n"
    "(optional; see framing.text).",
    -1, methods,
};

PyMODINIT_FUNC PyInit__speedups(void) {
    int c;
    for (c = 0; c < 128; c++)
        ascii_word[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                        (c >= 'A' && c <= 'Z') || c == '_';
    return PyModule_Create(&module);
}
