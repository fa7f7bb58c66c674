"""The reservist register (đăng ký quân nhân dự bị) and the classes of Art 24."""
