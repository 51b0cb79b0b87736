namespace Compacts.Domain.Reminders;

public enum NoticeKind { Reminder, Overdue, HeadSummary, FinalResult }
