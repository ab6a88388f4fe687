#!/usr/bin/env python3
"""Writes nothing: input-missing.xml does not exist."""
