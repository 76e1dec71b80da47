"""spaCy pipeline components: one module per component, registered in `pipeline.factories`."""
