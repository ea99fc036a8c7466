namespace Forewarn.Engine.Warnings;

/// <summary>A warning's risk level (Chongqing's four grades). Higher value, higher risk.</summary>
public enum RiskLevel
{
    /// <summary>低危: a single short contact with a blacklisted number.</summary>
    Low = 1,
    /// <summary>中危: sustained or repeated contact with fraudsters.</summary>
    Medium = 2,
    /// <summary>高危: the subject is being worked on by fraudsters now.</summary>
    High = 3,
    /// <summary>特危: money is moving or about to; handled like a 110 incident.</summary>
    Special = 4,
}
