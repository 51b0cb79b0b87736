using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Compacts.Functions.Storage;

namespace Compacts.Functions.Reminders;

/// <summary>One compact of a requested run.</summary>
public sealed record ReminderRunCompact(string CompactId, string State, int Owed, int Sent, int Failed, int Skipped);
