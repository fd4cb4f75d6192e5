//! wasm: being written (the thin #[wasm_bindgen] API).
