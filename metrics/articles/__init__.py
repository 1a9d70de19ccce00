"""Reading article text: numbers as Chinese reports print them, drafts of facts, audits."""
