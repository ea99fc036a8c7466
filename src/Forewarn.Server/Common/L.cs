using System.Globalization;

namespace Forewarn.Server.Common;

/// <summary>
/// User-facing text in both languages at the call site: Chinese first, English when the request's
/// culture is English. Keeping the pair together means a message can't lose its translation.
/// </summary>
public static class L
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string zh, string en) => IsEnglish ? en : zh;
}
