using System.Text.RegularExpressions;

namespace Compacts.Functions.Reminders;

/// <summary>One compact of a requested run.</summary>
public sealed record ReminderRunCompact(string CompactId, string State, int Owed, int Sent, int Failed, int Skipped);
