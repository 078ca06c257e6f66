"""The Tantivy index: schema, on-disk layout, writer and queries."""
