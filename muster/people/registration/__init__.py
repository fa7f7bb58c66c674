"""Military-service registration (đăng ký NVQS) in the registry: its records, the services
that change them and their pages (``views``, ``forms``, ``urls``). Every module that needs a
citizen's registration (the call-up, later the militia and the reserve) reads it from here,
below them."""
