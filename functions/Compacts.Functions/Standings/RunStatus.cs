namespace Compacts.Functions.Standings;

public enum RunStatus { Provisional, Final }
