"""The daily batch's steps: plan, reserve, render, assemble and commit, and their one order."""
