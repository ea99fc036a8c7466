namespace Forewarn.Engine;

/// <summary>The four levels of the territory tree (属地): city → district → police station → grid.</summary>
public enum UnitLevel
{
    /// <summary>The city (市), e.g. 500000 重庆市.</summary>
    City = 0,
    /// <summary>A district or county (区县), GB/T 2260 six-digit code.</summary>
    District = 1,
    /// <summary>A police station (派出所), one per street or town, NBS nine-digit code.</summary>
    Station = 2,
    /// <summary>A community grid (网格), twelve-digit code.</summary>
    Grid = 3,
}
