using System.Globalization;

namespace Triggers.Core.Expressions;

/// <summary>
/// Orders numbers by the decimal value they were written with when a double cannot hold it (<see cref="Value.NumberText"/>:
/// an id beyond 2^53). Two ticket ids 1234567890123456789 and 1234567890123456788 are one and the same double, so
/// comparing doubles would let a response to one ticket close the window of the other. Numbers without text compare
/// as doubles, as everywhere else.
/// </summary>
internal static class NumberOrder
{
    /// <summary>Whether either number carries text, so that only the decimal values can tell them apart.</summary>
    public static bool NeedsText(Value l, Value r) => l.NumberText is not null || r.NumberText is not null;

    /// <summary>
    /// The order of two numbers by their exact decimal values: the text when there is one (always, for a number beyond a
    /// double's range), else the double's shortest form.
    /// </summary>
    public static int Compare(Value l, Value r)
    {
        var a = Exact.Of(l.NumberText ?? l.AsNumber.ToString("R", CultureInfo.InvariantCulture));
        var b = Exact.Of(r.NumberText ?? r.AsNumber.ToString("R", CultureInfo.InvariantCulture));
        return Exact.Compare(a, b);
    }

    /// <summary>
    /// A decimal number as sign, significant digits (no leading or trailing zeros; empty for zero) and the power of ten
    /// of the last digit: 1.50e3 is (false, "15", 2).
    /// </summary>
    private readonly record struct Exact(bool Negative, string Digits, long Exponent)
    {
        /// <summary>Reads JSON's number grammar (and the double's own form, <c>1.2345E+18</c>); text is checked before it gets here.</summary>
        public static Exact Of(string text)
        {
            var at = 0;
            var negative = text[0] == '-';
            if (negative || text[0] == '+')
            {
                at++;
            }

            var digits = new System.Text.StringBuilder(text.Length);
            long fraction = 0;
            var inFraction = false;
            for (; at < text.Length && text[at] is not ('e' or 'E'); at++)
            {
                if (text[at] == '.')
                {
                    inFraction = true;
                    continue;
                }

                digits.Append(text[at]);
                fraction += inFraction ? 1 : 0;
            }

            long exponent = 0;
            if (at < text.Length)
            {
                // Clamped: an exponent past any double's is as good as infinite, and keeps the sum below from overflowing.
                exponent = long.TryParse(text.AsSpan(at + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e)
                    ? Math.Clamp(e, -1_000_000_000L, 1_000_000_000L)
                    : 0;
            }

            var significant = digits.ToString().TrimStart('0');
            var trimmed = significant.TrimEnd('0');
            exponent += significant.Length - trimmed.Length - fraction;
            return trimmed.Length == 0 ? new Exact(false, "", 0) : new Exact(negative, trimmed, exponent);
        }

        public static int Compare(Exact a, Exact b)
        {
            if (a.Digits.Length == 0 || b.Digits.Length == 0)
            {
                return Sign(a).CompareTo(Sign(b));
            }

            if (a.Negative != b.Negative)
            {
                return a.Negative ? -1 : 1;
            }

            var magnitude = CompareMagnitude(a, b);
            return a.Negative ? -magnitude : magnitude;
        }

        private static int Sign(Exact d) => d.Digits.Length == 0 ? 0 : d.Negative ? -1 : 1;

        /// <summary>Compares |a| and |b|: first where their leading digits stand, then digit by digit.</summary>
        private static int CompareMagnitude(Exact a, Exact b)
        {
            var lead = (a.Digits.Length + a.Exponent).CompareTo(b.Digits.Length + b.Exponent);
            if (lead != 0)
            {
                return lead;
            }

            var common = Math.Min(a.Digits.Length, b.Digits.Length);
            var order = string.CompareOrdinal(a.Digits, 0, b.Digits, 0, common);
            return order != 0 ? Math.Sign(order) : a.Digits.Length.CompareTo(b.Digits.Length);
        }
    }
}
