"""Publishing: production build, verification (links, contacts, weight),
post-processing, host configuration and deploy.
"""
