using System.Text;

namespace Forewarn.Engine;

/// <summary>Splits one CSV line (RFC 4180 quoting; a quoted field may not span lines).</summary>
public static class Csv
{
    /// <summary>The fields of <paramref name="line"/>, or null when its quoting is broken.</summary>
    public static List<string>? Split(string line)
    {
        var fields = new List<string>();
        return TrySplit(line, fields) ? fields : null;
    }

    /// <summary>Splits <paramref name="line"/> into <paramref name="fields"/>; false when the quoting is broken.</summary>
    public static bool TrySplit(string line, List<string> fields)
    {
        fields.Clear();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return false;
                    }

                    char c = line[i++];
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i < line.Length && line[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                if (i < line.Length && line[i] != ',')
                {
                    return false;
                }
            }
            else
            {
                int end = line.IndexOf(',', i);
                if (end < 0)
                {
                    end = line.Length;
                }

                if (line.AsSpan(i, end - i).Contains('"'))
                {
                    return false;
                }

                field.Append(line, i, end - i);
                i = end;
            }

            fields.Add(field.ToString().Trim());
            if (i >= line.Length)
            {
                return true;
            }

            i++; // the comma
        }
    }

    /// <summary>Column positions by name (ordinal, case-insensitive); the first line may carry a UTF-8 BOM.</summary>
    public static Dictionary<string, int> Header(List<string> fields)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < fields.Count; i++)
        {
            columns.TryAdd(fields[i].TrimStart('\uFEFF'), i);
        }

        return columns;
    }

    public static bool IsDigits(string value, int length) =>
        value.Length == length && value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
