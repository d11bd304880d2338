"""The browser editor for volunteers and translators (Decap CMS, `invoke edit`)."""
