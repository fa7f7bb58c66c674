"""The changes after registration of a commune (biến động sau đăng ký NVQS): the page. The
reads are in ``registration.selectors_changes``, the rules in ``law.callup.changes``."""
