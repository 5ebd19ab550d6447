/** commander's error messages in Russian. */
export function russianError(text: string): string {
  return text
    .replace(/^error: /m, 'ошибка: ')
    .replace(/unknown command '([^']*)'/, 'неизвестная команда «$1»')
    .replace(/missing required argument '([^']*)'/, 'не указан обязательный аргумент «$1»')
    .replace(/unknown option '([^']*)'/, 'неизвестный параметр «$1»')
    .replace(
      /too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./,
      (_m, cmd: string | undefined, want: string, got: string) => `лишние аргументы${cmd ? ` у команды «${cmd}»` : ''}: ожидалось ${want}, получено ${got}.`,
    )
    .replace(/option '([^']*)' argument missing/, 'у параметра «$1» не указано значение')
    .replace(/required option '([^']*)' not specified/, 'не указан обязательный параметр «$1»')
    .replace(/\(Did you mean ([^?]*)\?\)/, '(возможно, вы имели в виду $1?)');
}

/** commander's own words in Russian («Usage», «Options», …). */
export function russianHelp(text: string): string {
  return text
    .replace(/^Usage:/m, 'Использование:')
    .replace(/^Options:/m, 'Параметры:')
    .replace(/^Commands:/m, 'Команды:')
    .replace(/^Arguments:/m, 'Аргументы:')
    .replace(/\[options\]/g, '[параметры]')
    .replace(/\[command\]/g, '[команда]')
    .replace(/\(default: ([^)]*)\)/g, '(по умолчанию: $1)');
}
