"""The synthetic demo (Kim Động district, Hưng Yên): every demo builder lives here, so no
production app carries demo code. ``load_demo`` (this app's command) runs them in order."""
