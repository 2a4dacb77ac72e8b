/*
 * framing._speedups: the kit's word tokenizer, dictionary hit counter, and keyness's count
 * matrix and rank sums in C.
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

static PyMethodDef methods[] = {
    {"tokenize", speed_tokenize, METH_O, tokenize_doc},
    {"count_hits", speed_count_hits, METH_VARARGS, count_hits_doc},
    {"rank_sums", speed_rank_sums, METH_VARARGS, rank_sums_doc},
    {"column_nnz", speed_column_nnz, METH_VARARGS, column_nnz_doc},
    {"column_fill", speed_column_fill, METH_VARARGS, column_fill_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "framing._speedups",
    "The kit's tokenizer, dictionary hit counter and keyness counts and rank sums in C\n"
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
