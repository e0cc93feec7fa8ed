package io.migrun.architecture

import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Path

/** The package rules of ARCHITECTURE.md, checked on the compiled main classes of every runner module. */
class PackageStructureSpec extends Specification {

    @Shared
    PackageGraph graph = PackageGraph.of(MODULES.collect { Path.of('..', it, 'target', 'classes') } as Path[])

    static final List<String> MODULES = ['migrun-core', 'migrun-embedded', 'migrun-cli']

    def "the main classes were read"() {
        expect:
        graph.dependenciesOf(PackageGraph.FACADE).containsAll(['io.migrun', 'io.migrun.internal.apply'])
        graph.dependenciesOf('io.migrun.cli').contains(PackageGraph.FACADE)
        graph.dependenciesOf('io.migrun.embedded').contains('io.migrun.spi')
    }

    def "no packages depend on each other in a circle"() {
        expect:
        graph.cycles() == []
    }

    def "only the command line uses the facade"() {
        expect:
        graph.edges.findAll { from, to -> to.containsKey(PackageGraph.FACADE) }.keySet() == ['io.migrun.cli'] as Set
    }

    def "nothing depends on the command line"() {
        expect:
        graph.edges.findAll { from, to -> to.containsKey('io.migrun.cli') }.keySet() == [] as Set
    }

    def "#api, which users see, depends on no internal package but #allowed"() {
        expect:
        graph.dependenciesOf(api).findAll { it.startsWith('io.migrun.internal.') } as Set == allowed as Set

        where:
        api                  | allowed
        'io.migrun'          | []
        'io.migrun.config'   | ['io.migrun.internal.json']
        'io.migrun.dsl'      | ['io.migrun.internal.sql', 'io.migrun.internal.json']
        'io.migrun.helper'   | ['io.migrun.internal.json', 'io.migrun.internal.retry']
        'io.migrun.spi'      | []
        'io.migrun.embedded' | []
    }

    def "the embedded server, a module of its own, uses only the API: root types and the service interface"() {
        expect:
        graph.dependenciesOf('io.migrun.embedded') == ['io.migrun', 'io.migrun.spi'] as Set
    }

    def "the layers below point only down: #layer uses none of #above"() {
        expect:
        graph.dependenciesOf(layer).intersect(above as Set) == [] as Set

        where:
        layer                          | above
        'io.migrun.internal.session'   | ['io.migrun.internal.walk', 'io.migrun.internal.apply', 'io.migrun.internal.lifecycle', 'io.migrun.internal.adhoc']
        'io.migrun.internal.walk'      | ['io.migrun.internal.apply', 'io.migrun.internal.lifecycle', 'io.migrun.internal.adhoc']
        'io.migrun.internal.apply'     | ['io.migrun.internal.lifecycle', 'io.migrun.internal.adhoc']
        'io.migrun.internal.lifecycle' | ['io.migrun.internal.adhoc']
        'io.migrun.internal.adhoc'     | ['io.migrun.internal.lifecycle']
        'io.migrun.internal.lint'      | ['io.migrun.internal.session', 'io.migrun.internal.walk', 'io.migrun.internal.apply',
                                          'io.migrun.internal.lifecycle', 'io.migrun.internal.adhoc', 'io.migrun.internal.database',
                                          'io.migrun.internal.history', 'io.migrun.internal.dialect']
    }
}
