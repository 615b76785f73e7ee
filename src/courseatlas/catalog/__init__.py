"""The catalog: providers, resources (courses and books), topics and skills."""
