namespace Compacts.Functions.Compacts;

public enum PutOutcome { Created, Replaced, PreconditionFailed, TooLarge }
