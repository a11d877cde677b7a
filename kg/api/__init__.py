"""kg's HTTP API: FastAPI app factory, auth, masking, audit (see ``docs/api.md``)."""
