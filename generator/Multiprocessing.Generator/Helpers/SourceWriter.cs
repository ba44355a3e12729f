using System.Text;

namespace Multiprocessing.SourceGeneration.Helpers
{
    /// <summary>Writes indented C# (four spaces a level), as the cookbook advises over syntax trees.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _builder = new();
        private int _indentation;

        public SourceWriter Line(string text = "")
        {
            if (text.Length > 0)
            {
                _builder.Append(' ', _indentation * 4);
            }

            _builder.Append(text).Append('\n');
            return this;
        }

        public SourceWriter Open(string text)
        {
            Line(text);
            Line("{");
            _indentation++;
            return this;
        }

        public SourceWriter Close(string suffix = "")
        {
            _indentation--;
            return Line("}" + suffix);
        }

        public override string ToString() => _builder.ToString();
    }
}
