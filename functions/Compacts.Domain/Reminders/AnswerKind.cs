namespace Compacts.Domain.Reminders;

/// <summary>How a unit answered a return: an explanation that keeps the figures, or a new revision.</summary>
public enum AnswerKind { Explanation, NewRevision }
