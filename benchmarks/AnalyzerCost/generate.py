#!/usr/bin/env python3
"""Writes a console project with TARGETS [ProcessTarget] methods and ORDINARY ordinary methods (AnalyzerCost benchmark).

The same sources build with and without the Multiprocessing generator and analyzers (-p:WithMultiprocessingTooling=true|false):
nothing calls a generated stub, so the project compiles without the generator too.
"""
import os, sys

out, repo = sys.argv[1], os.path.abspath(sys.argv[2])
targets = int(sys.argv[3]) if len(sys.argv) > 3 else 500
ordinary = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
per_file = 25
os.makedirs(out, exist_ok=True)

open(os.path.join(out, 'CostProbe.csproj'), 'w').write(f'''<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <WithMultiprocessingTooling Condition="'$(WithMultiprocessingTooling)' == ''">true</WithMultiprocessingTooling>
    <WithMultiprocessingGenerator Condition="'$(WithMultiprocessingGenerator)' == ''">$(WithMultiprocessingTooling)</WithMultiprocessingGenerator>
    <WithMultiprocessingAnalyzers Condition="'$(WithMultiprocessingAnalyzers)' == ''">$(WithMultiprocessingTooling)</WithMultiprocessingAnalyzers>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="{repo}/runtime/Multiprocessing/Multiprocessing.csproj" />
  </ItemGroup>
  <ItemGroup Condition="'$(WithMultiprocessingGenerator)' == 'true'">
    <ProjectReference Include="{repo}/generator/Multiprocessing.Generator/Multiprocessing.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" SetConfiguration="Configuration=Release" />
  </ItemGroup>
  <ItemGroup Condition="'$(WithMultiprocessingAnalyzers)' == 'true'">
    <ProjectReference Include="{repo}/analyzers/Multiprocessing.Analyzers/Multiprocessing.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" SetConfiguration="Configuration=Release" />
  </ItemGroup>
</Project>
''')

open(os.path.join(out, 'Program.cs'), 'w').write('''using Multiprocessing;

ProcessEntry.Guard();
Console.WriteLine(Ordinary.Helpers0.Method0(1));
''')

open(os.path.join(out, 'Models.cs'), 'w').write('''using MemoryPack;

namespace Cost;

public enum Kind { A, B, C }

[MemoryPackable]
public partial record Item(string Name, int[] Values, Dictionary<string, decimal> Prices, Kind Kind);

[MemoryPackable]
public partial class Batch
{
    public List<Item> Items { get; set; } = new();
    public Batch? Next { get; set; }
}
''')

signatures = [
    ('int', 'int n', 'n * n'),
    ('string', 'string name, int count', 'name + count'),
    ('Item', 'Item item, decimal factor', 'item with { Name = item.Name + factor }'),
    ('int[]', 'int[] values', 'values.Reverse().ToArray()'),
    ('Task<Batch>', 'Batch batch', 'Task.FromResult(batch)'),
]
for f in range((targets + per_file - 1) // per_file):
    lines = ['using Multiprocessing;', '', 'namespace Cost.Targets;', '', f'public static partial class Workers{f}', '{', '    private static int s_counter;', '']
    for i in range(f * per_file, min(targets, (f + 1) * per_file)):
        ret, params, body = signatures[i % len(signatures)]
        lines += ['    [ProcessTarget]', f'    public static {ret} Target{i}({params}) => {body};', '']
    lines += ['    public static int Read() => s_counter;', '}', '']
    open(os.path.join(out, f'Workers{f}.cs'), 'w').write('\n'.join(lines))

for f in range((ordinary + 49) // 50):
    lines = ['using System.Text;', '', 'namespace Ordinary;', '', f'public static class Helpers{f}', '{', '    private static int s_state;', '']
    for i in range(f * 50, min(ordinary, (f + 1) * 50)):
        m = i - f * 50
        lines += [
            f'    public static int Method{m}(int x)',
            '    {',
            '        var sb = new StringBuilder();',
            '        for (var i = 0; i < x; i++)',
            '        {',
            '            if (i % 3 == 0) { sb.Append(i); s_state++; }',
            '            else sb.Append(\'-\');',
            '        }',
            '',
            f'        Func<int, int> f = y => y + {m};',
            '        return f(sb.Length) + s_state;',
            '    }',
            '',
        ]
    lines += ['}', '']
    open(os.path.join(out, f'Helpers{f}.cs'), 'w').write('\n'.join(lines))
print(f'{out}: {targets} targets, {ordinary} ordinary methods')
