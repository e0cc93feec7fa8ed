package io.migrun.config

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

class GitIgnoreSpec extends Specification {

    @TempDir
    Path dir

    def "the working tree is the nearest folder upwards that holds .git, a folder or a file"() {
        given:
        Path project = Files.createDirectories(dir.resolve('repo/services/billing'))
        if (gitFile) {
            dir.resolve('repo/.git').text = 'gitdir: /elsewhere/.git/worktrees/repo\n'
        } else {
            Files.createDirectories(dir.resolve('repo/.git'))
        }

        expect:
        GitIgnore.workTree(project.resolve('.migrun')) == Optional.of(dir.resolve('repo'))
        GitIgnore.workTree(dir) == Optional.empty()

        where:
        gitFile << [false, true]
    }

    def "'#line' in #where #verdict .migrun of services/billing"() {
        given:
        Path root = dir.resolve('repo')
        Path project = Files.createDirectories(root.resolve('services/billing'))
        Files.createDirectories(root.resolve('.git/info'))
        Path file = where == 'the root .gitignore' ? root.resolve('.gitignore')
                : where == 'info/exclude' ? root.resolve('.git/info/exclude') : project.resolve('.gitignore')
        file.text = "# build output\ntarget/\n${line}\n"

        expect:
        GitIgnore.ignores(root, project.resolve('.migrun')) == (verdict == 'ignores')

        where:
        line                      | where                       | verdict
        '.migrun'                 | 'the project .gitignore'    | 'ignores'
        '.migrun/'                | 'the project .gitignore'    | 'ignores'
        '/.migrun/'               | 'the project .gitignore'    | 'ignores'
        '.migrun/*'               | 'the project .gitignore'    | 'ignores'
        '  .migrun/  '            | 'the project .gitignore'    | 'ignores'
        '.migrun/'                | 'the root .gitignore'       | 'ignores'
        '**/.migrun/'             | 'the root .gitignore'       | 'ignores'
        'services/billing/.migrun'| 'the root .gitignore'       | 'ignores'
        '/services/billing/.migrun/**' | 'the root .gitignore'  | 'ignores'
        '.migrun/'                | 'info/exclude'              | 'ignores'
        '/.migrun/'               | 'the root .gitignore'       | 'does not ignore'
        'billing/.migrun'         | 'the root .gitignore'       | 'does not ignore'
        '# .migrun/'              | 'the project .gitignore'    | 'does not ignore'
        '.migrun-old/'            | 'the project .gitignore'    | 'does not ignore'
        '.mig*'                   | 'the project .gitignore'    | 'does not ignore'
        '.migrun/\n!.migrun/'     | 'the project .gitignore'    | 'does not ignore'
    }

    def "a deeper .gitignore wins over a higher one"() {
        given:
        Path root = dir.resolve('repo')
        Path project = Files.createDirectories(root.resolve('app'))
        Files.createDirectories(root.resolve('.git'))
        root.resolve('.gitignore').text = rootLine + '\n'
        project.resolve('.gitignore').text = projectLine + '\n'

        expect:
        GitIgnore.ignores(root, project.resolve('.migrun')) == ignored

        where:
        rootLine    | projectLine | ignored
        '.migrun/'  | '!.migrun/' | false
        '!.migrun/' | '.migrun/'  | true
    }

    def "no .gitignore anywhere ignores nothing"() {
        given:
        Files.createDirectories(dir.resolve('.git'))

        expect:
        !GitIgnore.ignores(dir, dir.resolve('.migrun'))
    }

    def "append puts the line on a line of its own, creating the file when it is missing"() {
        given:
        if (before != null) {
            dir.resolve('.gitignore').text = before
        }

        when:
        boolean created = GitIgnore.append(dir, '.migrun/')

        then:
        created == (before == null)
        dir.resolve('.gitignore').text == after

        where:
        before        | after
        null          | '.migrun/\n'
        ''            | '.migrun/\n'
        'target/\n'   | 'target/\n.migrun/\n'
        'target/'     | 'target/\n.migrun/\n'
    }
}
