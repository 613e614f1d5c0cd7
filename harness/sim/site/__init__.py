"""A stand-in website for web scenarios: pages of a site folder served on 127.0.0.1 with the visitor's
state (signed in or not) kept per browser through a cookie. What a site is, is data (its site.yaml and
pages): this package knows no site by name."""
