"""Mistakes nobody wrote: mutants of the references, and how the grader does on them.

    references ─► generate (operators.py, one AST edit at a time) ─► Mutant
               ─► check (spliced into the references, graded in the sandbox) ─► MutantCheck
               ─► judge (does the hint name the edit?) ─► report (`grade selfcheck --mutants`)

`uncatalogued` grades the catalogued mistakes with the catalogue switched off, to see what the
generic diagnosis says of mistakes people wrote.
"""
