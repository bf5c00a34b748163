"""A local simulator of the Statusmate and StatusHub APIs (see CONTRIBUTING.md)."""
