// Anchor translation unit for the shared precompiled header of the core libraries.
