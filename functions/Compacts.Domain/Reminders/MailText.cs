namespace Compacts.Domain.Reminders;

/// <summary>A composed mail: its subject, plain text and HTML.</summary>
public sealed record MailText(string Subject, string Text, string Html);
