"""The search for an assignment of dossiers to jurors (rules §14), with OR-Tools CP-SAT.

The constraints and their explanations are the engine's (``juryapp.core.assignment``);
this package only searches. It imports the engine and OR-Tools, nothing else of
juryapp; the operations call it.
"""

from juryapp.assignment.solver import Solution, solve

__all__ = ["Solution", "solve"]
