namespace Compacts.Functions.Office;

/// <summary>The kinds of refused cell an import names (<see cref="CellProblem.Code"/>); docs/api.md lists them.</summary>
public static class CellCodes
{
    public const string UnknownColumn = "unknown-column";
    public const string DuplicateColumn = "duplicate-column";
    public const string MissingColumn = "missing-column";
    public const string NoRows = "no-rows";
    public const string TooManyRows = "too-many-rows";
    public const string Required = "required";
    public const string NotMember = "not-member";
    public const string UnknownCriterion = "unknown-criterion";
    public const string DuplicateRow = "duplicate-row";
    public const string InvalidValue = "invalid-value";
    public const string InvalidTime = "invalid-time";
    public const string EarlierThanPrevious = "earlier-than-previous";
    public const string ReportRefused = "report-refused";
    public const string TooLarge = "too-large";
    public const string BaselineWithoutTarget = "baseline-without-target";
    public const string BaselineNotApplicable = "baseline-not-applicable";
    public const string BaselineRequired = "baseline-required";
    public const string NoTarget = "no-target";
    public const string NoHeader = "no-header";
    public const string ErrorValue = "error-value";
    public const string FormulaWithoutResult = "formula-without-result";
    public const string Merged = "merged";
}
