"""The planner and the dashboard: what every capability's source says, summed up.

`seam.py`: what a source is and what it sees (`SourceContext`, with the command's plans);
`planner.py`: a period's plan; `budget.py`: a period's hours; `history.py`: load per
week and activity per day; `dashboard.py`: `ccos status`. The results are plain data in
`ccos.models` (plan.py, status.py, report.py), rendered by `ccos.render`.
"""
