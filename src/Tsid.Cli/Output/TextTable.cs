using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Tsid.Cli.Output
{
    /// <summary>A plain aligned text table for people: columns as wide as their widest cell (capped), two spaces apart.</summary>
    internal sealed class TextTable
    {
        private readonly int _maxColumnWidth;

        private readonly string[] _headers;
        private readonly List<string[]> _rows = new();
        private readonly Dictionary<int, List<string>> _details = new();

        public TextTable(params string[] headers)
            : this(48, headers)
        {
        }

        /// <summary>A table whose cells are cut at <paramref name="maxColumnWidth"/> characters.</summary>
        public TextTable(int maxColumnWidth, params string[] headers)
        {
            _maxColumnWidth = maxColumnWidth;
            _headers = headers;
        }

        public int RowCount => _rows.Count;

        public void Add(params string?[] cells)
        {
            var row = new string[_headers.Length];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = i < cells.Length ? cells[i] ?? "-" : "-";
            }

            _rows.Add(row);
        }

        /// <summary>A line printed under the last row, indented by two spaces; not cut and not counted in the column widths.</summary>
        public void AddDetail(string line)
        {
            int row = _rows.Count - 1;
            if (!_details.TryGetValue(row, out List<string>? lines))
            {
                lines = new List<string>();
                _details[row] = lines;
            }

            lines.Add(line);
        }

        public void WriteTo(TextWriter writer)
        {
            var widths = new int[_headers.Length];
            for (int i = 0; i < widths.Length; i++)
            {
                widths[i] = _headers[i].Length;
                foreach (string[] row in _rows)
                {
                    widths[i] = Math.Max(widths[i], Math.Min(_maxColumnWidth, row[i].Length));
                }
            }

            WriteRow(writer, _headers, widths);
            for (int r = 0; r < _rows.Count; r++)
            {
                WriteRow(writer, _rows[r], widths);
                if (_details.TryGetValue(r, out List<string>? lines))
                {
                    foreach (string line in lines)
                    {
                        writer.WriteLine("  " + line);
                    }
                }
            }
        }

        private void WriteRow(TextWriter writer, string[] cells, int[] widths)
        {
            var line = new StringBuilder();
            for (int i = 0; i < cells.Length; i++)
            {
                string cell = cells[i].Length > _maxColumnWidth ? cells[i].Substring(0, _maxColumnWidth - 1) + "…" : cells[i];
                line.Append(cell);
                if (i < cells.Length - 1)
                {
                    line.Append(' ', widths[i] - cell.Length + 2);
                }
            }

            writer.WriteLine(line.ToString().TrimEnd());
        }
    }
}
