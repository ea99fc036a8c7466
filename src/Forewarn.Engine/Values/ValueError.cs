namespace Forewarn.Engine.Values;

/// <summary>
/// The stable lowercase error codes returned by the value types' <c>TryParse</c>. Callers map them to
/// localised messages; the codes themselves never change.
/// </summary>
public static class ValueError
{
    /// <summary>The input was null, empty or whitespace.</summary>
    public const string Missing = "missing";

    /// <summary>The input has characters or a shape the type does not accept.</summary>
    public const string Format = "format";

    /// <summary>The input has the wrong number of digits or characters.</summary>
    public const string Length = "length";

    /// <summary>The leading digits are not a number range in use.</summary>
    public const string Prefix = "prefix";

    /// <summary>The check digit or check character does not match.</summary>
    public const string Checksum = "checksum";

    /// <summary>The birth date inside an ID number is not a real, plausible date.</summary>
    public const string BirthDate = "birthdate";

    /// <summary>The administrative region (province) code is not one in GB/T 2260.</summary>
    public const string Region = "region";
}
