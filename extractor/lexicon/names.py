"""Common given names, many languages: evidence that a capitalised pair is a person, not a title.

Only used to tell apart two lines that both read like names ("Aaron Rosenmund" / "Blockchain Matters");
a name missing here costs nothing more than today's reading."""

_GIVEN_NAMES = """
aaron abdul abdullah adam adele adrian adriana adrien agnes agnieszka ahmed aida aidan aisha alain alan albert
alberto alejandro aleksandr alessandra alessandro alex alexander alexandra alexandre alexis alfonso alfred ali
alice alicia alison allison amanda amber amelie amina amir amit amy ana anand anastasia andre andrea andreas
andrei andres andrew andrzej andy angela angelo anil anita anja ann anna anne annie anthony antoine anton antonio
anupam apolline arjun arnaud arthur arun ashish ashley aurelie aurelien axel barbara barry bart beatrice ben
benedicte benjamin benoit bernard bertrand beth bill bob boris brad brandon brenda brian bruno bryan camille
carl carla carlos carmen carol caroline carolyn catherine cecile cedric celine chantal charles charlie
charlotte chen chris christian christiane christina christine christophe christopher claire clara claude
claudia clement colin constance cynthia damien dan daniel daniela danielle daria dario dave david deborah
denis dennis derek derrick diana diane diego dimitri dmitry dominic dominique donald doris dorothy doug
douglas dylan ed eddie edouard edward elena eli elisa elisabeth elise eliza elizabeth ella ellen emilie
emily emma emmanuel emmanuelle eric erica erik erin esther etienne eva eve fabien fabrice fanny fatima
federico felix fernando florence florian francesca francesco francis francisco franck francois francoise frank
franz fred frederic frederick gabriel gabrielle ganesh gary gaston gene genevieve george georges gerard gilles
giovanni giulia giuseppe glenn grace greg gregory guillaume guy hamid hannah hans harold harry hassan hector
heather helen helene henri henry hiroshi holly hugo hugues ian ibrahim igor ines irene isabel isabelle ivan
jack jacob jacqueline jacques jake james jamie jan jane janet jason javier jean jeanne jeff jeffrey jennifer
jens jeremy jerome jessica jim jimmy joan joao joe joel johan johann john jonas jonathan jordan jorge jose
joseph josh joshua josiane juan judith julia julian julie julien justin kamal karen karim karin karl kate
katherine kathleen kathryn katie kevin kim kumar kyle lars laura laurence laurent lea leah lee leigh lena leo
leon leonardo lisa lorenzo louis louise luc luca lucas lucie lucy luis luke lydia magali manon manuel marc
marcel marco marcus margaret maria marie marina mario marion mark martha martin martine mary mathieu mathilde
matt matteo matthew matthias maurice max maxime maya megan mehdi melanie melissa michael michel michele
michelle miguel mike mohamed mohammad mohammed monica monique muriel nadia nadine natalia natalie nathalie
nathan nicholas nicolas nicole nikolai nina noah noel nora oliver olivier olga omar oscar pablo pamela
pascal pascale patricia patrick paul paula pauline pedro peter philip philippe phillip pierre pietro
priya rachel rafael rahul raj rajesh ralph ramon raphael ravi rebecca remi remy renaud rene richard rick
rita robert roberto robin roger roland romain ronald rosa ruth ryan sabine sabrina sam samir samuel sandra
sandrine sara sarah sean sebastian sebastien serge sergio sergey shawn sharon simon simone sofia sonia sophie
stefan stefano stephane stephanie stephen steve steven susan suzanne sylvain sylvie tanguy tanya teresa
thierry thomas tim timothy tom tony tristan valentin valerie vanessa veronique victor victoria vincent
virginie vivek walter wei william xavier yann yannick yasmine yves yvonne zoe
nancy linda betty donna kimberly shirley virginia debra frances joyce kenneth scott raymond jerry tyler zachary
ethan keith terry gerald austin lawrence jesse billy bruce logan willie wayne elijah randy roy eugene russell bobby
mason larry judy cheryl gloria evelyn jean joan kelly lauren heidi ingrid birgit ulrike wolfgang jurgen klaus
dieter uwe sven nils erik henrik magnus ole per jorgen mikael pekka jukka matti kari ari antti tapio hannu
yuki kenji takashi akira satoshi hiroko yoko naoko wei li ming jun hui xiao yan ying hong lei tao jing
sanjay suresh ramesh rakesh deepak vijay ajay amit sunil anupama kavita lakshmi meera nisha pooja sunita
olusegun chinedu kwame ama kofi abebe tariq yusuf mustafa fatma leila layla nour rania salma youssef
juliette josephine margot capucine gwenaelle gaelle maelle solene oceane loic gael erwan yannig killian
benedict rupert nigel graham trevor clive ian neil stuart alistair fiona morag kirsty siobhan niamh aoife
sinead ciaran declan eoin padraig seamus
quentin theo enzo mathis clement baptiste bastien cyril florent gaetan jeremie kevin loic ludovic marius
mickael morgan thibault thibaut yohan agathe agate amandine anais audrey aurore clemence estelle heloise jade
justine laetitia laure lina lise lou maelle margaux marine morgane noemie ophelie perrine solene anouk samira
goulwen goulwenn erwann ronan yannis cedrik gregoire hadrien jules leon leonie mael nolan raphael sacha timothee
victorine bjorn jorg jurgen soren lukas jonas felix niklas tobias moritz pascal ursula gerhard hermann helmut
kjell olof lennart ingrid astrid sigrid gunnar johannes mattias maaike joost pieter wouter sanne femke bram
giulio marco luigi paolo alessia chiara federica francesca silvia stefania valentina jose maria carmen
javier pablo sergio alvaro lucia marta ines joao pedro rui tiago ana beatriz mariana
"""
GIVEN_NAMES = sorted(set(_GIVEN_NAMES.split()))
