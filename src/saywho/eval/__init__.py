"""The official scorer, submissions and the leaderboard."""
