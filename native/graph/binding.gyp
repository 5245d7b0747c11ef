# The native graph extractor (see README.md). scripts/build-native.mjs writes gen/paths.gypi with the
# tree-sitter runtime and grammar sources found in node_modules, then runs node-gyp here.
{
  "includes": ["gen/paths.gypi"],
  "targets": [{
    "target_name": "smallcode_graph",
    "sources": [
      "src/addon.c",
      "src/extract.c",
      "src/pool.c",
      "src/roots.c",
      "gen/runtime.c",
      "gen/typescript-parser.c", "gen/typescript-scanner.c",
      "gen/tsx-parser.c", "gen/tsx-scanner.c",
      "gen/javascript-parser.c", "gen/javascript-scanner.c",
      "gen/python-parser.c", "gen/python-scanner.c",
      "gen/go-parser.c",
      "gen/rust-parser.c", "gen/rust-scanner.c"
    ],
    "include_dirs": ["<(ts_runtime)/include", "<(ts_runtime)/src", "<(ts_grammar_include)"],
    "defines": ["_POSIX_C_SOURCE=200112L", "_DEFAULT_SOURCE", "NAPI_VERSION=8"],
    "cflags_c": ["-std=c11", "-fvisibility=hidden", "-O2", "-fomit-frame-pointer", "-fno-semantic-interposition", "-Wno-unused-parameter", "-Wno-unused-but-set-variable", "-Wno-sign-compare", "-Wno-missing-field-initializers"],
    "conditions": [
      ["OS=='mac'", {"xcode_settings": {"GCC_SYMBOLS_PRIVATE_EXTERN": "YES", "OTHER_CFLAGS": ["-std=c11"]}}]
    ]
  }]
}
