"""jinja2 templates for generated projects, one folder per taxonomy branch (``spf_templates``)."""
