; SmallCode symbol query for JavaScript and JSX (capture names: see typescript.scm).

; ---- definitions -------------------------------------------------------------
(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(class_declaration name: (identifier) @name) @definition.class
(method_definition name: [(property_identifier) (private_property_identifier)] @name) @definition.method
(field_definition property: [(property_identifier) (private_property_identifier)] @name) @definition.field

(program (lexical_declaration "const" (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression)]) @definition.function))
(program (export_statement (lexical_declaration "const" (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression)]) @definition.function)))
(program (lexical_declaration "const" (variable_declarator name: (identifier) @name) @definition.constant))
(program (export_statement (lexical_declaration "const" (variable_declarator name: (identifier) @name) @definition.constant)))
(program (lexical_declaration "let" (variable_declarator name: (identifier) @name) @definition.variable))
(program (export_statement (lexical_declaration "let" (variable_declarator name: (identifier) @name) @definition.variable)))
(program (variable_declaration (variable_declarator name: (identifier) @name) @definition.variable))
(program (export_statement (variable_declaration (variable_declarator name: (identifier) @name) @definition.variable)))

(export_statement (export_clause (export_specifier name: (identifier) @export.name)))
(export_statement value: (identifier) @export.name)

; ---- references --------------------------------------------------------------
(call_expression function: (identifier) @reference.call)
(call_expression function: (member_expression property: [(property_identifier) (private_property_identifier)] @reference.call))
(new_expression constructor: (identifier) @reference.call)
(new_expression constructor: (member_expression property: (property_identifier) @reference.call))
((jsx_opening_element name: (identifier) @reference.call) (#match? @reference.call "^[A-Z]"))
((jsx_self_closing_element name: (identifier) @reference.call) (#match? @reference.call "^[A-Z]"))

(import_statement (import_clause (identifier) @reference.import) source: (string (string_fragment) @module))
(import_statement (import_clause (named_imports (import_specifier name: (identifier) @reference.import))) source: (string (string_fragment) @module))
(import_statement (import_clause (namespace_import (identifier) @reference.import)) source: (string (string_fragment) @module))
(import_statement . source: (string (string_fragment) @module @reference.import))
(export_statement (export_clause (export_specifier name: (identifier) @reference.import)) source: (string (string_fragment) @module))
(variable_declarator
  name: (identifier) @name
  value: (call_expression function: (identifier) @_require arguments: (arguments . (string (string_fragment) @module)))
  (#eq? @_require "require")) @reference.import

(class_heritage (identifier) @reference.heritage)
(class_heritage (member_expression property: (property_identifier) @reference.heritage))

; ---- comments ----------------------------------------------------------------
(comment) @comment
(decorator) @transparent
