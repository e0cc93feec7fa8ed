package io.migrun.architecture

import java.nio.file.Path
import java.util.spi.ToolProvider

/**
 * The dependencies between migrun's packages, read from the compiled classes by the JDK's jdeps.
 * The facade class {@code io.migrun.Migrun} is a node of its own: it sits above the internal packages,
 * while the rest of the root package (results, states, exceptions, the listener) sits below them.
 */
class PackageGraph {

    static final String FACADE = 'io.migrun.Migrun (facade)'

    /** node -> the nodes it depends on, and for each edge the classes that make it */
    final Map<String, Map<String, Set<String>>> edges = [:].withDefault { [:].withDefault { new TreeSet<String>() } }

    static PackageGraph of(Path... classes) {
        ToolProvider jdeps = ToolProvider.findFirst('jdeps').orElseThrow { new IllegalStateException('jdeps not found: run the specs on a JDK, not a JRE') }
        StringWriter out = new StringWriter()
        StringWriter err = new StringWriter()
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), '-verbose:class', '-filter:none', *classes*.toString())
        if (code != 0) {
            throw new IllegalStateException("jdeps exited with $code: $err")
        }
        PackageGraph graph = new PackageGraph()
        out.toString().eachLine { line ->
            def m = line =~ /^\s+(io\.migrun\.\S+)\s+->\s+(io\.migrun\.\S+)/
            if (m.find()) {
                graph.add(m.group(1), m.group(2))
            }
        }
        graph
    }

    static String node(String className) {
        String outer = className.contains('$') ? className.substring(0, className.indexOf('$')) : className
        outer == 'io.migrun.Migrun' ? FACADE : outer.substring(0, outer.lastIndexOf('.'))
    }

    private void add(String from, String to) {
        String a = node(from)
        String b = node(to)
        if (a != b) {
            edges[a][b] << "${simple(from)} -> ${simple(to)}".toString()
        }
    }

    private static String simple(String className) {
        className.substring(className.lastIndexOf('.') + 1)
    }

    @Override
    String toString() {
        "PackageGraph of ${edges.size()} packages"
    }

    Set<String> dependenciesOf(String node) {
        edges.containsKey(node) ? edges[node].keySet() : [] as Set
    }

    /** Every set of packages that depend on each other in a circle (Tarjan's strongly connected components), with the edges that close it. */
    List<String> cycles() {
        Map<String, Integer> index = [:]
        Map<String, Integer> low = [:]
        Deque<String> stack = new ArrayDeque<>()
        Set<String> onStack = [] as Set
        List<List<String>> components = []
        int next = 0
        Closure visit
        visit = { String v ->
            index[v] = low[v] = next++
            stack.push(v)
            onStack << v
            dependenciesOf(v).each { String w ->
                if (!index.containsKey(w)) {
                    visit(w)
                    low[v] = Math.min(low[v], low[w])
                } else if (w in onStack) {
                    low[v] = Math.min(low[v], index[w])
                }
            }
            if (low[v] == index[v]) {
                List<String> component = []
                String w
                do {
                    w = stack.pop()
                    onStack.remove(w)
                    component << w
                } while (w != v)
                components << component
            }
        }
        (edges.keySet() + edges.values()*.keySet().flatten()).unique().each { if (!index.containsKey(it)) visit(it) }
        components.findAll { it.size() > 1 }.collect { List<String> c ->
            c.sort().join(' <-> ') + ': ' + c.collectMany { a -> c.findAll { b -> edges[a].containsKey(b) }.collect { b -> edges[a][b].first() } }.join(', ')
        }
    }
}
