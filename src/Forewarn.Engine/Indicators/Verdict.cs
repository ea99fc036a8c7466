namespace Forewarn.Engine.Indicators;

/// <summary>
/// An indicator's status and confidence packed into 16 bits: status in the top two bits, confidence in
/// ten-thousandths below. Packed values compare like (status, confidence), so merging duplicates is <c>Math.Max</c>.
/// </summary>
internal static class Verdict
{
    private const int StatusShift = 14;
    private const int ConfidenceMask = (1 << StatusShift) - 1;
    private const double Scale = 10_000;

    public const ushort WhitelistedFloor = (ushort)((int)IndicatorStatus.Whitelisted << StatusShift);

    public static ushort Pack(IndicatorStatus status, double confidence)
    {
        var clamped = double.IsNaN(confidence) ? 0 : Math.Clamp(confidence, 0, 1);
        return (ushort)(((int)status << StatusShift) | (int)Math.Round(clamped * Scale));
    }

    public static bool IsWhitelisted(ushort packed) => packed >= WhitelistedFloor;

    public static IndicatorStatus Status(ushort packed) => (IndicatorStatus)(packed >> StatusShift);

    public static double Confidence(ushort packed) => (packed & ConfidenceMask) / Scale;

    public static IndicatorHit Hit(IndicatorType type, string value, ushort packed) =>
        new(type, value, Status(packed), Confidence(packed));
}
