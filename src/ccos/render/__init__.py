"""Everything that turns results into Rich renderables or JSON: the only layer with Rich."""
