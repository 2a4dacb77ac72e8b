/*
 * framing._speedups: the kit's word tokenizer and dictionary hit counter in C.
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

static PyMethodDef methods[] = {
    {"tokenize", speed_tokenize, METH_O, tokenize_doc},
    {"count_hits", speed_count_hits, METH_VARARGS, count_hits_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "framing._speedups",
    "The kit's tokenizer and dictionary hit counter in C (optional; see framing.text).",
    -1, methods,
};

PyMODINIT_FUNC PyInit__speedups(void) {
    int c;
    for (c = 0; c < 128; c++)
        ascii_word[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                        (c >= 'A' && c <= 'Z') || c == '_';
    return PyModule_Create(&module);
}
