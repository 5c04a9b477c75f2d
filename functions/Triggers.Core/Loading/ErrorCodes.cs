namespace Triggers.Core.Loading;

/// <summary>
/// Stable diagnostic codes of the loader and validator (TRG1xx belong to expressions, see the README).
/// Codes never change meaning once released: scripts and CI configurations match on them.
/// </summary>
public static class ErrorCodes
{
    public const string YamlSyntax = "TRG001";
    public const string UnknownKey = "TRG002";
    public const string WrongType = "TRG003";
    public const string MissingKey = "TRG004";
    public const string BadDuration = "TRG005";
    public const string BadId = "TRG006";
    public const string DuplicateId = "TRG007";
    public const string UnknownStage = "TRG008";
    public const string UnknownMilestone = "TRG009";
    public const string UnknownPlaybook = "TRG010";
    public const string UnknownTarget = "TRG011";
    public const string UnknownRule = "TRG012";
    public const string EmitLoop = "TRG013";
    public const string KindCount = "TRG014";
    public const string ConflictingKeys = "TRG015";
    public const string BadTimeOfDay = "TRG016";
    public const string UnknownTimeZone = "TRG017";
    public const string OutOfRange = "TRG018";
    public const string BadEnumValue = "TRG019";
    public const string UnknownFileKind = "TRG020";
    public const string BadTimestamp = "TRG021";
    public const string EmitTooDeep = "TRG022";
    public const string NotUtf8 = "TRG023";
    public const string Unreadable = "TRG024";
    public const string NoRules = "TRG200";
    public const string UnknownEventType = "TRG201";
    public const string EmptyFile = "TRG203";
    public const string NoTouchpointEvents = "TRG204";
    public const string CommentCutsValue = "TRG205";
    public const string TestsNothing = "TRG206";
}
