namespace Compacts.Functions.Reminders;

/// <summary>What became of one owed mail in a run: sent, failed (a later run tries again), or skipped (sent before, another run holds it, given up, or no recipients).</summary>
public enum MailOutcome { Sent, Failed, Skipped }
