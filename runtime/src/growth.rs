//! The methods every generated type gets for what its spec does not cover, as macros so each
//! generated type spends one line on them (the `--all` crate has thousands of types).

/// In a generated answer type's `impl` block (or, given the type, as that whole block):
/// `unknown_fields()`, reading its private `unknown_fields` map (the fields of the answer it has no
/// field for).
#[doc(hidden)]
#[macro_export]
macro_rules! __unknown_fields_accessor {
    // An answer type with no other methods: the whole `impl` block, in one line of generated source.
    ($name:ident) => {
        impl $name {
            $crate::__unknown_fields_accessor!();
        }
    };
    () => {
        /// The fields of the answer this crate has no field for (newer than its spec), as sent.
        pub fn unknown_fields(
            &self,
        ) -> &$crate::__codegen::serde_json::Map<::std::string::String, $crate::__codegen::serde_json::Value> {
            &self.unknown_fields
        }
    };
}

/// In a generated parameters type's `impl` block: `extra_param(path, value)`, adding to its
/// private `extra_params`.
#[doc(hidden)]
#[macro_export]
macro_rules! __extra_param_setter {
    () => {
        /// Sets a parameter this crate has no setter for (newer than its spec): a bracketed path
        /// below these parameters and its value, e.g. `("flow_data[type]", "x")`. Sent after the
        /// typed parameters, encoded alike; a path a typed parameter also has replaces that
        /// parameter's value, so it is never sent twice.
        pub fn extra_param(
            mut self,
            path: impl ::core::convert::Into<::std::string::String>,
            value: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            self.extra_params.set(path, value);
            self
        }
    };
}
