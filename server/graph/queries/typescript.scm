; SmallCode symbol query for TypeScript (also inherited by tsx.scm).
; Capture names the extractor understands:
;   @definition.<kind> + @name      a symbol (kind: function class method interface type enum constant variable module field)
;   @reference.<kind>               a reference, on its name node (kind: call import type heritage); @module = import specifier
;   @comment                        a comment (doc comments are the ones right above a definition)
;   @export.name                    a name exported by an `export { … }` clause or `export default name`

; ---- definitions -------------------------------------------------------------
(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(function_signature name: (identifier) @name) @definition.function
(class_declaration name: (type_identifier) @name) @definition.class
(abstract_class_declaration name: (type_identifier) @name) @definition.class
(method_definition name: [(property_identifier) (private_property_identifier)] @name) @definition.method
(abstract_method_signature name: (property_identifier) @name) @definition.method
(method_signature name: (property_identifier) @name) @definition.method
(public_field_definition name: [(property_identifier) (private_property_identifier)] @name) @definition.field
(property_signature name: (property_identifier) @name) @definition.field
(interface_declaration name: (type_identifier) @name) @definition.interface
(type_alias_declaration name: (type_identifier) @name) @definition.type
(enum_declaration name: (identifier) @name) @definition.enum
(internal_module name: [(identifier) (nested_identifier)] @name) @definition.module
(module name: [(identifier) (string)] @name) @definition.module

; module-level bindings (inside `export` too); arrow functions and function expressions become functions
(program (lexical_declaration "const" (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression)]) @definition.function))
(program (export_statement (lexical_declaration "const" (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression)]) @definition.function)))
(program (lexical_declaration "const" (variable_declarator name: (identifier) @name) @definition.constant))
(program (export_statement (lexical_declaration "const" (variable_declarator name: (identifier) @name) @definition.constant)))
(program (lexical_declaration "let" (variable_declarator name: (identifier) @name) @definition.variable))
(program (export_statement (lexical_declaration "let" (variable_declarator name: (identifier) @name) @definition.variable)))
(program (variable_declaration (variable_declarator name: (identifier) @name) @definition.variable))
(program (export_statement (variable_declaration (variable_declarator name: (identifier) @name) @definition.variable)))
(program (ambient_declaration (lexical_declaration (variable_declarator name: (identifier) @name) @definition.constant)))
(program (ambient_declaration (variable_declaration (variable_declarator name: (identifier) @name) @definition.variable)))

(export_statement (export_clause (export_specifier name: (identifier) @export.name)))
(export_statement value: (identifier) @export.name)

; ---- references --------------------------------------------------------------
(call_expression function: (identifier) @reference.call)
(call_expression function: (member_expression property: [(property_identifier) (private_property_identifier)] @reference.call))
(new_expression constructor: (identifier) @reference.call)
(new_expression constructor: (member_expression property: (property_identifier) @reference.call))

(import_statement (import_clause (identifier) @reference.import) source: (string (string_fragment) @module))
(import_statement (import_clause (named_imports (import_specifier name: (identifier) @reference.import))) source: (string (string_fragment) @module))
(import_statement (import_clause (namespace_import (identifier) @reference.import)) source: (string (string_fragment) @module))
(import_statement . source: (string (string_fragment) @module @reference.import))
(export_statement (export_clause (export_specifier name: (identifier) @reference.import)) source: (string (string_fragment) @module))
(import_require_clause (identifier) @reference.import source: (string (string_fragment) @module))

(class_heritage (extends_clause value: (identifier) @reference.heritage))
(class_heritage (extends_clause value: (member_expression property: (property_identifier) @reference.heritage)))
(class_heritage (implements_clause (type_identifier) @reference.heritage))
(class_heritage (implements_clause (generic_type name: (type_identifier) @reference.heritage)))
(extends_type_clause type: (type_identifier) @reference.heritage)
(extends_type_clause type: (generic_type name: (type_identifier) @reference.heritage))

; type parameters are declarations, not references: their names filter the type references
(type_parameter name: (type_identifier) @typeparam)
(type_identifier) @reference.type

; ---- comments ----------------------------------------------------------------
(comment) @comment
(decorator) @transparent
