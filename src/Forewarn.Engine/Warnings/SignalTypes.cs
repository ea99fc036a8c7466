using System.Diagnostics.CodeAnalysis;

namespace Forewarn.Engine.Warnings;

/// <summary>Wire names of <see cref="SignalType"/>.</summary>
public static class SignalTypes
{
    /// <summary>The API name: <c>clue|call|sms|app_install|url_visit|transfer|screen_share</c>.</summary>
    public static string ToWire(SignalType type) => type switch
    {
        SignalType.Clue => "clue",
        SignalType.Call => "call",
        SignalType.Sms => "sms",
        SignalType.AppInstall => "app_install",
        SignalType.UrlVisit => "url_visit",
        SignalType.Transfer => "transfer",
        SignalType.ScreenShare => "screen_share",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Undefined signal type."),
    };

    /// <summary>Parses an API name (exact, lower-case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out SignalType type)
    {
        (var ok, type) = value switch
        {
            "clue" => (true, SignalType.Clue),
            "call" => (true, SignalType.Call),
            "sms" => (true, SignalType.Sms),
            "app_install" => (true, SignalType.AppInstall),
            "url_visit" => (true, SignalType.UrlVisit),
            "transfer" => (true, SignalType.Transfer),
            "screen_share" => (true, SignalType.ScreenShare),
            _ => (false, default(SignalType)),
        };
        return ok;
    }
}
